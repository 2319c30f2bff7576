// The report service: OT and ticket PDFs, ticket and OT CSVs, and the batch export job.
// Reads only; no function here needs a signed-in user (the CLI calls them with actor null).
export { exportWorkOrderBatch, type BatchExportOptions, type BatchExportResult, type BatchProgress } from './batch';
export { batchJobResult, batchJobStatus, cancelBatchJob, startBatchJob, waitForJob, type BatchStartInput } from './batchJob';
export { exportTicketsCsv, exportWorkOrdersCsv, type TicketFilter, type WorkOrderFilter } from './csvExports';
export { idByCode, ticketPdf, workOrderPdf } from './documents';
export { labelsFor, resolveLanguage, type ReportLanguage } from './labels';
export { clearPreparedPhotos } from './pdf/fieldCapture';
export { resolveFontDir } from './fonts';
