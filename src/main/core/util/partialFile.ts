import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

/**
 * A file written as `<path>.partial`. Writes wait for 'drain' when the stream's buffer is full, so a
 * 100k-session export holds one record in memory at a time however slow the disk is.
 */
export class PartialFile {
  readonly partialPath: string;
  bytes = 0;
  count = 0;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    /** Optional files with nothing counted are dropped at commit (an empty validation split, say). */
    readonly optional: boolean,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.partialPath = `${path}.partial`;
    this.stream = createWriteStream(this.partialPath);
    // Without a listener an I/O error would crash the process; it is rethrown at the next write.
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  /** Appends text; `entries` says how many counted items it completes. */
  async write(text: string, entries = 0): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text);
    this.count += entries;
    if (!this.stream.write(text)) await once(this.stream, 'drain', { signal: this.signal });
  }

  /** Flushes and closes the partial file, leaving it in place for the rename. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
  }

  /** Closes the stream, whatever state it is in, and deletes the partial file. */
  async discard(): Promise<void> {
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await rm(this.partialPath, { force: true });
  }
}
