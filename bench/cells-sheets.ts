/**
 * The sheets `npm run bench:cells` measures, as raw cell contents for HyperFormula. Each optimizer row is one
 * iteration; the data is y = 2x + 30 plus a fixed wiggle, x in [0, 1).
 */
export type Sheet = (string | number | null)[][];

const LOSS = "AVERAGE((a*x+b-y)^2)";
const LR = 0.1;

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** x in column A, y in column B, rows 2 … points + 1. */
function dataColumns(sheet: Sheet, points: number): void {
  sheet[0] = ["x", "y"];
  for (let i = 0; i < points; i++) {
    const x = i / points;
    sheet[i + 1] = [x, 2 * x + 30 + 0.5 * Math.sin(7 * i)];
  }
}

function rowOf(sheet: Sheet, r: number): (string | number | null)[] {
  sheet[r] ??= [];
  return sheet[r] as (string | number | null)[];
}

/**
 * The full-batch Adam sheet with the add-in's functions: gradients in D:E from `grad` (GD.GRAD, or the
 * benchmark's reference implementation), then ADAM_STEP's spill a, b, m_a, m_b, v_a, v_b, t in F:L.
 */
export function adamSheet(points: number, rows: number, grad = "GD.GRAD"): Sheet {
  const sheet: Sheet = [];
  dataColumns(sheet, points);
  const x = `$A$2:$A$${points + 1}`;
  const y = `$B$2:$B$${points + 1}`;
  const header = rowOf(sheet, 0);
  header[3] = "dL/da";
  header[4] = "dL/db";
  header[5] = "a";
  header[6] = "b";
  const start = rowOf(sheet, 1);
  start[5] = 0;
  start[6] = 0;
  for (let i = 1; i <= rows; i++) {
    const r = i + 2; // the 1-based row of iteration i; row r − 1 holds the previous iteration
    const p = r - 1;
    const row = rowOf(sheet, r - 1);
    row[3] = `=${grad}("${LOSS}","a,b",F${p}:G${p},"x,y",${x},${y})`;
    row[5] = `=GD.ADAM_STEP(F${p}:G${p},D${r}:E${r},H${p}:L${p},${LR})`;
  }
  return sheet;
}

/**
 * The same iterations in plain formulas: the gradient of the mean squared error with SUMPRODUCT, Adam's
 * update (β1 = 0.9, β2 = 0.999, ε = 1e-8, bias-corrected) written out cell by cell.
 */
export function plainAdamSheet(points: number, rows: number): Sheet {
  const sheet: Sheet = [];
  dataColumns(sheet, points);
  const x = `$A$2:$A$${points + 1}`;
  const y = `$B$2:$B$${points + 1}`;
  const start = rowOf(sheet, 1);
  [start[5], start[6], start[7], start[8], start[9], start[10], start[11]] = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 1; i <= rows; i++) {
    const r = i + 2; // as in adamSheet
    const p = r - 1;
    const row = rowOf(sheet, r - 1);
    const residual = `(F${p}*${x}+G${p}-${y})`;
    row[3] = `=2*SUMPRODUCT(${residual},${x})/${points}`;
    row[4] = `=2*SUM(${residual})/${points}`;
    row[11] = `=L${p}+1`;
    row[7] = `=0.9*H${p}+0.1*D${r}`;
    row[8] = `=0.9*I${p}+0.1*E${r}`;
    row[9] = `=0.999*J${p}+0.001*D${r}^2`;
    row[10] = `=0.999*K${p}+0.001*E${r}^2`;
    row[5] = `=F${p}-${LR}*(H${r}/(1-0.9^L${r}))/(SQRT(J${r}/(1-0.999^L${r}))+0.00000001)`;
    row[6] = `=G${p}-${LR}*(I${r}/(1-0.9^L${r}))/(SQRT(K${r}/(1-0.999^L${r}))+0.00000001)`;
  }
  return sheet;
}

/** Online SGD with hand-derived gradient cells: row r reads its own (x, y), C:D = ∂L/∂a, ∂L/∂b, E:G GD_STEP. */
export function gdStepSheet(rows: number): Sheet {
  const sheet: Sheet = [
    ["x", "y", "dL/da", "dL/db", "a", "b", "t"],
    [null, null, null, null, 0, 0, null],
  ];
  for (let i = 1; i <= rows; i++) {
    const p = i + 1;
    const r = p + 1;
    const x = (i % 100) / 100;
    sheet[r - 1] = [
      x,
      2 * x + 30,
      `=2*(E${p}*A${r}+F${p}-B${r})*A${r}`,
      `=2*(E${p}*A${r}+F${p}-B${r})`,
      `=GD.GD_STEP(E${p}:F${p},C${r}:D${r},G${p},0.05)`,
    ];
  }
  return sheet;
}

/** XOR in rows: TRAIN_MLP row mode, a 2-3-1 tanh/sigmoid network, Adam, each row one step over the 4 rows. */
export function trainMlpSheet(rows: number, width: number): Sheet {
  const sheet: Sheet = [
    ["x1", "x2", "y"],
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ];
  const first = columnName(5);
  const last = columnName(5 + width - 1);
  for (let i = 1; i <= rows; i++) {
    const r = i + 1;
    const row = rowOf(sheet, r);
    row[5] = `=GD.TRAIN_MLP("2,3,1",$A$2:$B$5,$C$2:$C$5,${first}${r}:${last}${r},"adam",0.1,,,1,"tanh","sigmoid","cross-entropy")`;
  }
  return sheet;
}

/** gdStepSheet's iterations with the update written out: a ← a − 0.05·∂L/∂a, t ← t + 1. */
export function plainGdSheet(rows: number): Sheet {
  const sheet = gdStepSheet(rows);
  for (let i = 1; i <= rows; i++) {
    const p = i + 1;
    const row = sheet[p] as (string | number | null)[];
    row[4] = `=E${p}-0.05*C${p + 1}`;
    row[5] = `=F${p}-0.05*D${p + 1}`;
    row[6] = `=N(G${p})+1`;
  }
  return sheet;
}
