/**
 * The only two IPC channels between the renderer and the main process. Kept here so the preload and
 * the main-process transport cannot drift apart; nothing else may define a channel.
 */
export const API_CALL_CHANNEL = 'api:call';
export const API_EVENT_CHANNEL = 'api:event';
