// Types for webvtt-parser 2.x (the W3C validator's parser), which ships none. Only what we use.
declare module 'webvtt-parser' {
  export interface WebVttTextNode {
    type: 'text';
    value: string;
  }
  export interface WebVttTimestampNode {
    type: 'timestamp';
    value: number;
  }
  /** A span: "v" (voice, value = speaker name), "c", "i", "b", "u", "ruby", "rt", "lang". */
  export interface WebVttObjectNode {
    type: 'object';
    name: string;
    value?: string;
    classes: string[];
    children: WebVttNode[];
  }
  export type WebVttNode = WebVttTextNode | WebVttTimestampNode | WebVttObjectNode;

  export interface WebVttCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVttNode[] };
  }
  export interface WebVttParseError {
    message: string;
    line: number;
    col?: number;
  }
  export interface WebVttParseResult {
    cues: WebVttCue[];
    errors: WebVttParseError[];
    styles: string[];
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'chapters' | 'metadata'): WebVttParseResult;
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
