/** Save a text file from the browser (a Blob behind a temporary link). */
import type { ExportFile } from '../../lib/facilitator/export.ts';

export function downloadFile(file: ExportFile): void {
  const blob = new Blob([file.text], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
