/* global setTimeout */
/**
 * A small in-memory workbook behind an `Excel` global, so the sinks run their real Excel.run code. As in
 * Office.js, every command (writing values, adding sheets, tables, rows and charts) is queued and applied at
 * context.sync(), where its error is raised (a protected sheet, a deleted sheet); properties the code reads
 * must be loaded and synced first: reads go through office-addin-mock's OfficeMockObject, which answers
 * "Error, property was not loaded" otherwise. isNullObject is readable after a sync without load, as in Excel.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Cell = string | number | boolean;
type Box = [number, number, number, number];

export interface FakeChart {
  name: string;
  sheet: string;
  type: string;
  title: { text: string };
  /** Every data source the chart had, as [row, column, rows, columns] (0-based), and how series run. */
  sources: Box[];
  seriesBy: string[];
  deleted: boolean;
  position?: [[number, number], [number, number]];
}

export interface FakeTable {
  name: string;
  sheet: string;
  row: number;
  column: number;
  width: number;
  /** Data rows below the header. */
  bodyRows: number;
}

interface FakeSheet {
  cells: Map<string, Cell>;
  protected: boolean;
}

const NOT_LOADED = "Error, property was not loaded";

export class FakeBook {
  readonly sheets = new Map<string, FakeSheet>();
  readonly formats = new Map<string, string>();
  readonly charts: FakeChart[] = [];
  readonly tables: FakeTable[] = [];
  active: string;
  selection = { row: 0, column: 0 };
  syncs = 0;
  /** Runs before every sync's commands: lets a test delete a sheet "while the run is going". */
  beforeSync: (() => void) | undefined;

  constructor(...names: string[]) {
    for (const name of names) this.addSheet(name);
    this.active = names[0] ?? "Sheet1";
  }

  addSheet(name: string): void {
    if (this.find(name)) throw new Error(`ItemAlreadyExists: a sheet named ${name} exists`);
    this.sheets.set(name, { cells: new Map(), protected: false });
  }

  /** The user deletes a sheet: its cells, tables and charts go with it. */
  deleteSheet(name: string): void {
    this.sheets.delete(name);
    for (let i = this.tables.length - 1; i >= 0; i--)
      if (this.tables[i]?.sheet === name) this.tables.splice(i, 1);
    for (const chart of this.charts) if (chart.sheet === name) chart.deleted = true;
  }

  protect(name: string): void {
    this.sheet(name).protected = true;
  }

  /** Sheet names are case-insensitive in Excel. */
  find(name: string): string | undefined {
    return [...this.sheets.keys()].find((n) => n.toLowerCase() === name.toLowerCase());
  }

  set(sheet: string, row: number, column: number, value: Cell): void {
    this.sheet(sheet).cells.set(`${row},${column}`, value);
  }

  get(sheet: string, row: number, column: number): Cell | "" {
    return this.sheet(sheet).cells.get(`${row},${column}`) ?? "";
  }

  rows(sheet: string, row: number, column: number, rows: number, width: number): (Cell | "")[][] {
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: width }, (_, c) => this.get(sheet, row + r, column + c)),
    );
  }

  table(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const found = this.find(name);
    const sheet = found === undefined ? undefined : this.sheets.get(found);
    if (!sheet) throw new Error(`ItemNotFound: sheet ${name} does not exist`);
    return sheet;
  }
}

const a1 = (row: number, column: number) => {
  let letters = "";
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) {
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  }
  return `${letters}${row + 1}`;
};

/** Reads of loaded properties, through an OfficeMockObject built from the workbook at sync time. */
class Loadable {
  private requested: string[] = [];
  private mock: OfficeMockObject | undefined;
  constructor(private readonly snapshot: () => Record<string, unknown>) {}
  load(properties?: string): void {
    // Collections are loaded as "items/name"; the mock holds items as one loaded value.
    this.requested.push((properties ?? "*").replace(/items\/[\w,/]+/g, "items"));
  }
  /** office-addin-mock settles loaded values in promise callbacks: await a macrotask after all syncs. */
  sync(): Promise<void> {
    if (this.requested.length === 0) return Promise.resolve();
    const mock = new OfficeMockObject(this.snapshot());
    for (const properties of this.requested) mock.load(properties);
    this.mock = mock;
    this.requested = [];
    return mock.sync();
  }
  read(property: string): unknown {
    return this.mock ? (this.mock as unknown as Record<string, unknown>)[property] : NOT_LOADED;
  }
}

/** The `Excel` global for one test: Excel.run(callback) with a context over `book`. */
export function createExcelMock(book: FakeBook): unknown {
  const commands: (() => void)[] = [];
  const loadables: Loadable[] = [];
  const nullChecks: (() => void)[] = [];

  const loadable = (snapshot: () => Record<string, unknown>) => {
    const l = new Loadable(snapshot);
    loadables.push(l);
    return l;
  };
  const writable = (sheet: string): FakeSheet => {
    const s = book.sheet(sheet);
    if (s.protected) {
      throw new Error("AccessDenied: the cell or chart you're trying to change is on a protected sheet");
    }
    return s;
  };

  const boxes = new WeakMap<object, () => { sheet: string; box: Box }>();
  const boxOf = (range: object) => (boxes.get(range) as () => { sheet: string; box: Box })();
  const range = (sheet: string, row: number, column: number, rows: number, columns: number) =>
    lazyRange(() => [sheet, row, column, rows, columns]);
  /** A range whose cells are found at sync time (a table's body grows with the rows queued before it). */
  const lazyRange = (where: () => [string, number, number, number, number]) => {
    const reads = loadable(() => {
      const [sheet, row, column, rows, columns] = where();
      return {
        values: book.rows(sheet, row, column, rows, columns),
        address: `${sheet}!${a1(row, column)}:${a1(row + rows - 1, column + columns - 1)}`,
        rowIndex: row,
        columnIndex: column,
      };
    });
    const write = (values: Cell[][]) =>
      commands.push(() => {
        const [sheet, row, column, rows, columns] = where();
        writable(sheet);
        if (values.length !== rows || values.some((r) => r.length !== columns)) {
          throw new Error(`InvalidArgument: ${values.length} rows for a range of ${rows} × ${columns}`);
        }
        values.forEach((r, i) => r.forEach((v, j) => book.set(sheet, row + i, column + j, v)));
      });
    const object = {
      load: (properties?: string) => {
        reads.load(properties);
        return object;
      },
      get values() {
        return reads.read("values") as Cell[][];
      },
      set values(values: Cell[][]) {
        write(values);
      },
      /** A formula is kept as its text ("=…"); constants as themselves. */
      set formulas(values: Cell[][]) {
        write(values);
      },
      get address() {
        return reads.read("address");
      },
      get rowIndex() {
        return reads.read("rowIndex");
      },
      get columnIndex() {
        return reads.read("columnIndex");
      },
      set numberFormat(formats: string[][]) {
        commands.push(() => {
          const [sheet, row, column] = where();
          formats.forEach((r, i) =>
            r.forEach((f, j) => book.formats.set(`${sheet}!${row + i},${column + j}`, f)),
          );
        });
      },
      format: { font: { bold: false } },
    };
    boxes.set(object, () => {
      const [sheet, ...box] = where();
      return { sheet, box };
    });
    return object;
  };

  const tableObject = (name: () => string, orNull: boolean) => {
    const found = () => book.table(name());
    const require = () => {
      const t = found();
      if (!t) throw new Error(`ItemNotFound: table ${name()}`);
      return t;
    };
    const rowsReads = loadable(() => ({ count: require().bodyRows }));
    const object = {
      isNullObject: false as boolean | string,
      get name() {
        return require().name;
      },
      set name(value: string) {
        commands.push(() => {
          if (book.table(value)) throw new Error(`InvalidArgument: a table named ${value} exists`);
          require().name = value;
        });
      },
      worksheet: undefined as unknown,
      rows: {
        load: (properties: string) => rowsReads.load(properties),
        get count() {
          return rowsReads.read("count");
        },
        add: (_index: number | undefined, values: Cell[][]) =>
          commands.push(() => {
            const t = require();
            writable(t.sheet);
            for (const row of values) {
              row.forEach((v, j) => book.set(t.sheet, t.row + 1 + t.bodyRows, t.column + j, v));
              t.bodyRows++;
            }
          }),
        getItemAt: (index: number) => ({
          set values(values: Cell[][]) {
            commands.push(() => {
              const t = require();
              writable(t.sheet);
              values[0]?.forEach((v, j) => book.set(t.sheet, t.row + 1 + index, t.column + j, v));
            });
          },
        }),
      },
      getDataBodyRange: () =>
        lazyRange(() => {
          const t = require();
          return [t.sheet, t.row + 1, t.column, t.bodyRows, t.width];
        }),
    };
    if (orNull) nullChecks.push(() => (object.isNullObject = !found()));
    // The table's worksheet, resolved when first asked for and then the same object, as in Office.js.
    let sheet: unknown;
    Object.defineProperty(object, "worksheet", {
      get: () => (sheet ??= worksheet(require().sheet, false)),
    });
    return object;
  };

  const chartObject = (sheet: string, chart: () => FakeChart | undefined, orNull: boolean) => {
    const require = () => {
      const c = chart();
      if (!c) throw new Error("ItemNotFound: chart");
      return c;
    };
    const object = {
      isNullObject: false as boolean | string,
      set name(value: string) {
        commands.push(() => (require().name = value));
      },
      title: {
        set text(value: string) {
          commands.push(() => (require().title.text = value));
        },
      },
      setPosition: (start: object, end: object) =>
        commands.push(() => {
          const s = boxOf(start).box;
          const e = boxOf(end).box;
          require().position = [
            [s[0], s[1]],
            [e[0], e[1]],
          ];
        }),
      setData: (source: object, seriesBy: string) =>
        commands.push(() => {
          writable(sheet);
          const c = require();
          c.sources.push(boxOf(source).box);
          c.seriesBy.push(seriesBy);
        }),
    };
    if (orNull) nullChecks.push(() => (object.isNullObject = !chart()));
    return object;
  };

  const worksheet = (name: string, orNull: boolean) => {
    const exists = () => book.find(name) !== undefined;
    const reads = loadable(() => ({ name: book.find(name) ?? name }));
    const protection = loadable(() => ({ protected: book.sheet(name).protected }));
    const object = {
      isNullObject: false as boolean | string,
      load: (properties?: string) => reads.load(properties),
      get name() {
        return reads.read("name");
      },
      protection: {
        load: (properties?: string) => protection.load(properties),
        get protected() {
          return protection.read("protected");
        },
      },
      getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
        range(name, row, column, rows, columns),
      activate: () =>
        commands.push(() => {
          book.sheet(name);
          book.active = name;
        }),
      tables: {
        add: (source: object, hasHeaders: boolean) => {
          let created: FakeTable | undefined;
          commands.push(() => {
            writable(name);
            const { sheet, box } = boxOf(source);
            if (!hasHeaders) throw new Error("the fake supports tables with headers only");
            created = {
              name: `Table${book.tables.length + 1}`,
              sheet,
              row: box[0],
              column: box[1],
              width: box[3],
              bodyRows: box[2] - 1,
            };
            book.tables.push(created);
          });
          return tableObject(() => created?.name ?? "", false);
        },
        getItemOrNullObject: (table: string) =>
          tableObject(() => (book.table(table)?.sheet === book.find(name) ? table : ""), true),
      },
      charts: {
        add: (type: string, source: object, seriesBy: string) => {
          let created: FakeChart | undefined;
          commands.push(() => {
            writable(name);
            created = {
              name: "",
              sheet: name,
              type,
              title: { text: "" },
              sources: [boxOf(source).box],
              seriesBy: [seriesBy],
              deleted: false,
            };
            book.charts.push(created);
          });
          return chartObject(name, () => created, false);
        },
        getItemOrNullObject: (chart: string) =>
          chartObject(
            name,
            () => book.charts.find((c) => c.sheet === book.find(name) && c.name === chart && !c.deleted),
            true,
          ),
      },
    };
    if (orNull) nullChecks.push(() => (object.isNullObject = !exists()));
    return object;
  };

  const sheetsReads = loadable(() => ({ items: [...book.sheets.keys()].map((name) => ({ name })) }));
  const context = {
    workbook: {
      worksheets: {
        load: (properties: string) => sheetsReads.load(properties),
        get items() {
          return sheetsReads.read("items");
        },
        getItem: (name: string) => worksheet(name, false),
        getItemOrNullObject: (name: string) => worksheet(name, true),
        add: (name: string) => {
          commands.push(() => book.addSheet(name));
          return worksheet(name, false);
        },
        getActiveWorksheet: () => worksheet(book.active, false),
      },
      tables: {
        getItem: (name: string) => tableObject(() => name, false),
        getItemOrNullObject: (name: string) => tableObject(() => name, true),
      },
      getSelectedRange: () => range(book.active, book.selection.row, book.selection.column, 1, 1),
    },
    sync: async () => {
      book.syncs++;
      book.beforeSync?.();
      const queued = commands.splice(0);
      const checks = nullChecks.splice(0);
      try {
        for (const command of queued) command();
      } finally {
        for (const check of checks) check();
        for (const l of loadables) {
          try {
            await l.sync();
          } catch {
            // the object is gone (a deleted sheet): its properties stay unloaded
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  };
  // The context stays a plain object: OfficeMockObject would copy its getters' values once.
  return new OfficeMockObject({
    run: async <T>(callback: (context: unknown) => Promise<T>) => callback(context),
  });
}
