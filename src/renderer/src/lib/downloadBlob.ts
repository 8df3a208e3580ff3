/**
 * Hands a file made in the page to the browser as a download. The object URL is freed a minute
 * later: the browser has taken the file by the time the click returns, and a minute leaves room.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
