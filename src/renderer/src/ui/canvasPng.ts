import type { Plugin } from 'chart.js';
import { downloadBlob } from '../lib/downloadBlob';

/** A saved PNG has a white background rather than a transparent one, so it reads in any viewer. */
export const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Downloads what a canvas shows as a PNG; says why not when the browser cannot make the picture. */
export function saveCanvasAsPng(canvas: HTMLCanvasElement | null, fileName: string, onError: (message: string) => void): void {
  canvas?.toBlob((blob) => {
    if (!blob) {
      onError('The browser could not make a picture of the chart.');
      return;
    }
    downloadBlob(blob, fileName);
  }, 'image/png');
}
