/**
 * gradcheck.xlsx: the loss (a·x + b − y)² at several points, right and wrong hand-derived derivative columns,
 * each checked by GD.GRADCHECK against centred differences.
 */
import { LINE } from "./linear-regression";
import { SheetBuilder, type SheetModel, type WorkbookModel } from "../../src/xlsx/sheet-model";

export const GRADCHECK_POINTS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0.3],
  [1, 10, -1.5],
  [2.5, 28, 1.1],
  [-1, 35, 1.9],
  [3, 31, -0.7],
];

/** Loss (a·x + b − y)² at several points; right and wrong hand-derived columns, each checked by GRADCHECK. */
function gradcheckSheet(): SheetModel {
  const s = new SheetBuilder("GRADCHECK");
  s.header(0, [
    "a",
    "b",
    "x",
    "y",
    "dL/da = 2(ax+b−y)x",
    "dL/db = 2(ax+b−y)",
    "WRONG dL/da = 2(ax+b−y)",
    "dL/db (copy)",
    "right: pass",
    "max rel err",
    "rel err a",
    "rel err b",
    "wrong: pass",
    "max rel err",
    "rel err a",
    "rel err b",
  ]);
  GRADCHECK_POINTS.forEach(([a, b, x], i) => {
    const r = i + 1;
    const n = r + 1;
    s.set(r, 0, a);
    s.set(r, 1, b);
    s.set(r, 2, x);
    s.set(r, 3, LINE.a * x + LINE.b);
    s.set(r, 4, `=2*(A${n}*C${n}+B${n}-D${n})*C${n}`);
    s.set(r, 5, `=2*(A${n}*C${n}+B${n}-D${n})`);
    s.set(r, 6, `=2*(A${n}*C${n}+B${n}-D${n})`);
    s.set(r, 7, `=F${n}`);
    const tail = `,,"x,y",C${n},D${n})`;
    s.spill(r, 8, `=GD.GRADCHECK("(a*x+b-y)^2","a,b",A${n}:B${n},E${n}:F${n}${tail}`, 4);
    s.spill(r, 12, `=GD.GRADCHECK("(a*x+b-y)^2","a,b",A${n}:B${n},G${n}:H${n}${tail}`, 4);
  });
  return s.build("GRADCHECK against centred differences: the right columns pass, the wrong dL/da fails");
}

export function gradcheckWorkbook(): WorkbookModel {
  return { file: "gradcheck.xlsx", sheets: [gradcheckSheet()] };
}
