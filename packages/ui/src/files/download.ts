/** Hands a file to the browser as a download (a Blob behind an object URL, released afterwards). */
import type { ExportFile } from './exports.js';

export function download(file: ExportFile): void {
  const part: BlobPart = typeof file.data === 'string' ? file.data : new Uint8Array(file.data);
  const url = URL.createObjectURL(new Blob([part], { type: file.type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // the download has started once click() returns; release the URL after the current task
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
