import { charsInColumn, formatNumber } from "../../src/workbench/cell-format";

describe("formatNumber: Excel's General format within a column", () => {
  test("without a width: 8 significant digits, scientific outside 1e-4..1e12", () => {
    expect(formatNumber(0.21034521234)).toBe("0.21034521");
    expect(formatNumber(-1.0807806123)).toBe("-1.0807806");
    expect(formatNumber(1234567)).toBe("1234567");
    expect(formatNumber(0.0000123456)).toBe("1.2346e-5");
    expect(formatNumber(2.5e13)).toBe("2.5000e+13");
  });

  test("decimals are rounded away until the number fits the column", () => {
    // 0.21034521 is 10 characters; in 9 it is rounded to 7 significant digits, in 5 to 3.
    expect(formatNumber(0.21034521234, 9)).toBe("0.2103452");
    expect(formatNumber(0.21034521234, 5)).toBe("0.21");
    expect(formatNumber(-1.0807806123, 9)).toBe("-1.080781");
    expect(formatNumber(29.999999999, 9)).toBe("30");
  });

  test("an integer or a scientific number too wide loses digits, then shows ####", () => {
    expect(formatNumber(123456789012, 9)).toBe("1.235e+11");
    expect(formatNumber(0.0000123456, 7)).toBe("1.23e-5");
    expect(formatNumber(-0.0000123456, 3)).toBe("###");
  });

  test("the default 84 px column holds 9 characters, a dragged 144 px one 17", () => {
    expect(charsInColumn(84)).toBe(9);
    expect(charsInColumn(144)).toBe(17);
  });
});
