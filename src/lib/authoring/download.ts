/**
 * Offer a file to the browser as a download. The only DOM code in the authoring module; kept apart so
 * the rest stays testable without a browser.
 */
import type { ExportedFile } from './export.ts';

export function downloadFile(file: ExportedFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers start the download after click() returns; revoke once they have had the chance.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
