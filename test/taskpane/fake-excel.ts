/**
 * A small in-memory workbook behind office-addin-mock objects, so ExcelEpochSink runs its real Excel.run code:
 * properties the code reads must be loaded and synced (office-addin-mock returns an error string otherwise),
 * and values it assigns to ranges reach the cells only at context.sync(), as in Excel.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Cell = string | number | boolean;

export interface FakeChart {
  name: string;
  sheet: string;
  type: string;
  title: { text: string };
  /** Every data source the chart had, as [row, column, rows, columns] (0-based). */
  sources: [number, number, number, number][];
  deleted: boolean;
  position?: [[number, number], [number, number]];
}

interface TrackedRange {
  sheet: string;
  row: number;
  column: number;
  mock: OfficeMockObject & { values: unknown; numberFormat?: unknown };
  initial: unknown;
}

export class FakeBook {
  readonly sheets = new Map<string, Map<string, Cell>>();
  readonly formats = new Map<string, string>();
  readonly charts: FakeChart[] = [];
  active: string;
  selection = { row: 0, column: 0 };
  syncs = 0;

  constructor(...names: string[]) {
    for (const name of names) this.sheets.set(name, new Map());
    this.active = names[0] ?? "Sheet1";
  }

  set(sheet: string, row: number, column: number, value: Cell): void {
    this.sheet(sheet).set(`${row},${column}`, value);
  }

  get(sheet: string, row: number, column: number): Cell | "" {
    return this.sheet(sheet).get(`${row},${column}`) ?? "";
  }

  /** Rows of values from (row, column), width columns, as many rows as asked. */
  rows(sheet: string, row: number, column: number, rows: number, width: number): (Cell | "")[][] {
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: width }, (_, c) => this.get(sheet, row + r, column + c)),
    );
  }

  sheet(name: string): Map<string, Cell> {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`ItemNotFound: sheet ${name}`);
    return sheet;
  }
}

const a1 = (row: number, column: number) => `${String.fromCharCode(65 + column)}${row + 1}`;

/** The `Excel` global for one test: Excel.run(callback) with a context over `book`. */
export function createExcelMock(book: FakeBook): unknown {
  const mocks: OfficeMockObject[] = [];
  const ranges: TrackedRange[] = [];
  const coordinates = new WeakMap<object, [number, number, number, number]>();

  const range = (sheet: string, row: number, column: number, rows: number, columns: number) => {
    const initial = book.rows(sheet, row, column, rows, columns);
    const mock = new OfficeMockObject({
      values: initial,
      address: `${sheet}!${a1(row, column)}:${a1(row + rows - 1, column + columns - 1)}`,
      rowIndex: row,
      columnIndex: column,
      format: { font: { bold: false } },
    }) as TrackedRange["mock"];
    mocks.push(mock);
    ranges.push({ sheet, row, column, mock, initial });
    coordinates.set(mock, [row, column, rows, columns]);
    return mock;
  };

  /** A sheet's ChartCollection; `items` may be read only after load("items/name"), as in Office.js. */
  const chartCollection = (name: string) => {
    let itemsLoaded = false;
    const collection = {
      load: (properties: string) => {
        if (properties.split(",").some((p) => p.trim().startsWith("items"))) itemsLoaded = true;
        return collection;
      },
      get items() {
        if (!itemsLoaded) throw new Error("PropertyNotLoaded: charts.items");
        return book.charts
          .filter((c) => c.sheet === name && !c.deleted)
          .map((c) => ({ name: c.name, delete: () => (c.deleted = true) }));
      },

      add: (type: string, source: object, seriesBy: string) => {
        if (seriesBy !== "Columns") throw new Error(`unexpected seriesBy ${seriesBy}`);
        const chart: FakeChart = {
          name: "",
          sheet: name,
          type,
          title: { text: "" },
          sources: [coordinates.get(source) as [number, number, number, number]],
          deleted: false,
        };
        book.charts.push(chart);
        return Object.assign(chart, {
          setPosition: (start: object, end: object) => {
            const s = coordinates.get(start) as number[];
            const e = coordinates.get(end) as number[];
            chart.position = [
              [s[0] as number, s[1] as number],
              [e[0] as number, e[1] as number],
            ];
          },
        });
      },
      getItem: (chartName: string) => {
        const chart = book.charts.find((c) => c.sheet === name && c.name === chartName && !c.deleted);
        if (!chart) throw new Error(`ItemNotFound: chart ${chartName}`);
        return {
          setData: (source: object, seriesBy: string) => {
            if (seriesBy !== "Columns") throw new Error(`unexpected seriesBy ${seriesBy}`);
            chart.sources.push(coordinates.get(source) as [number, number, number, number]);
          },
        };
      },
    };
    return collection;
  };

  const worksheet = (name: string) => {
    const mock = new OfficeMockObject({
      name,
      getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
        range(name, row, column, rows, columns),
      getRange: () => ({
        clear: () => book.sheet(name).clear(),
      }),
      activate: () => {
        book.active = name;
      },
    }) as OfficeMockObject & { isNullObject?: boolean; charts?: unknown };
    mock.charts = chartCollection(name);
    mocks.push(mock);
    return mock;
  };

  const context = {
    workbook: {
      worksheets: {
        getItem: (name: string) => {
          book.sheet(name);
          return worksheet(name);
        },
        getItemOrNullObject: (name: string) => {
          const sheet = worksheet(name);
          // isNullObject is readable after sync without load, as in Office.js.
          sheet.isNullObject = !book.sheets.has(name);
          return sheet;
        },
        add: (name: string) => {
          if (book.sheets.has(name)) throw new Error(`ItemAlreadyExists: ${name}`);
          book.sheets.set(name, new Map());
          return worksheet(name);
        },
        getActiveWorksheet: () => worksheet(book.active),
      },
      getSelectedRange: () => range(book.active, book.selection.row, book.selection.column, 1, 1),
    },
    sync: async () => {
      book.syncs++;
      for (const mock of mocks) await mock.sync();
      for (const tracked of ranges) {
        const { mock } = tracked;
        if (Array.isArray(mock.values) && mock.values !== tracked.initial) {
          (mock.values as Cell[][]).forEach((row, r) =>
            row.forEach((value, c) => book.set(tracked.sheet, tracked.row + r, tracked.column + c, value)),
          );
          tracked.initial = mock.values;
        }
        if (Array.isArray(mock.numberFormat)) {
          (mock.numberFormat as string[][]).forEach((row, r) =>
            row.forEach((format, c) =>
              book.formats.set(`${tracked.sheet}!${tracked.row + r},${tracked.column + c}`, format),
            ),
          );
        }
      }
    },
  };
  return new OfficeMockObject({
    context,
    run: async function <T>(this: { context: unknown }, callback: (context: unknown) => Promise<T>) {
      return callback(this.context);
    },
  });
}
