/**
 * Every Excel JavaScript API member the pane's sinks call (excel-run-sink.ts, excel-selection-sink.ts), with
 * the requirement set that introduced it. The highest is the set the pane needs; the pane checks it with
 * Office.context.requirements.isSetSupported before offering the workbook as a destination, and a test checks
 * this list against the sinks' source and against the `[Api set: ExcelApi x.y]` notes of @types/office-js.
 */
export const REQUIRED_EXCEL_API = "1.7";

export const EXCEL_API_CALLS: Readonly<Record<string, string>> = {
  "Workbook.worksheets": "1.1",
  "WorksheetCollection.items": "1.1",
  "TableRowCollection.count": "1.1",
  "Workbook.tables": "1.1",
  "WorksheetCollection.load": "1.1",
  "WorksheetCollection.add": "1.1",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "TableCollection.getItemOrNullObject": "1.4",
  "TableCollection.add": "1.1",
  "Table.name": "1.1",
  "Table.worksheet": "1.2",
  "Table.rows": "1.1",
  "TableCollection.getItem": "1.1",
  "WorksheetCollection.getItem": "1.1",
  "Table.getDataBodyRange": "1.1",
  "TableRowCollection.add": "1.1",
  "TableRowCollection.getItemAt": "1.1",
  "TableRow.values": "1.1",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.activate": "1.1",
  "Worksheet.charts": "1.1",
  "Worksheet.tables": "1.1",
  "Worksheet.protection": "1.2",
  "WorksheetProtection.protected": "1.2",
  "Range.values": "1.1",
  "Range.numberFormat": "1.1",
  "Range.format": "1.1",
  "RangeFormat.font": "1.1",
  "RangeFont.bold": "1.1",
  "ChartCollection.add": "1.1",
  "ChartCollection.getItemOrNullObject": "1.4",
  "Chart.name": "1.1",
  "Chart.title": "1.1",
  "ChartTitle.text": "1.1",
  "Chart.setPosition": "1.1",
  "Chart.setData": "1.1",
  "Workbook.getSelectedRange": "1.1",
  "WorksheetCollection.getActiveWorksheet": "1.1",
  "Worksheet.load": "1.1",
  "Worksheet.name": "1.1",
  "Range.load": "1.1",
  "Range.address": "1.1",
  "Range.rowIndex": "1.1",
  "Range.columnIndex": "1.1",
};
