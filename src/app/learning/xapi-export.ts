/**
 * The facilitator's "Save as xAPI statements", loaded when the button is pressed: the session's statements
 * with the activity ids under the base address in this browser's record store settings (else the app's own).
 */
import { exportXapi } from '../../lib/facilitator/xapi.ts';
import type { ExportFile } from '../../lib/facilitator/export.ts';
import type { SessionReport } from '../../lib/facilitator/report.ts';
import { RecordStore } from '../../lib/persistence/record-store.ts';
import { browserStorage } from '../../lib/persistence/storage.ts';
import { activityBase } from '../../lib/learning/lrs-settings.ts';

export function xapiExport(report: SessionReport): ExportFile {
  return exportXapi(report, activityBase(new RecordStore(browserStorage().storage)));
}
