/**
 * The name an async search's file is stored under in the export blob store: `<asyncSearchId>.csv`. The
 * download names itself from the request time; this name lets a sweep of the files find their search.
 */
export function exportBlobName(asyncSearchId: string): string {
  return `${asyncSearchId}.csv`;
}

const exportBlobNamePattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.csv$/;

/** The search a file belongs to; null for a name given before files were named after their search. */
export function asyncSearchIdOfExportBlob(name: string): string | null {
  return exportBlobNamePattern.exec(name)?.[1] ?? null;
}
