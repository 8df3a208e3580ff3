import type { AppApi, AppInfo } from '../../shared/api/app';

export function appApi(info: AppInfo): AppApi {
  return { 'app.info': async () => info };
}
