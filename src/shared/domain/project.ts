export interface ProjectInfo {
  file: string;
  name: string;
  createdAt: number;
  schemaVersion: number;
  sizeBytes: number;
  isSample: boolean;
  counts: { sessions: number; providers: number; models: number; jobs: number; calls: number };
}

export interface RecentProject {
  file: string;
  name: string;
  openedAt: number;
  exists: boolean;
}
