import { version } from '../../package.json';

export const APP_NAME = 'Hybrid Data Studio';
export const APP_VERSION: string = version;
