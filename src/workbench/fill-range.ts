/** A rectangle of cells as the grid reports it: top-left column x, row y, and its size. */
export interface FillRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of a fill's destination outside its pattern (the fill handle's destination includes the pattern). */
export function fillTarget(source: FillRect, destination: FillRect): FillRect | undefined {
  if (destination.height > source.height) {
    const below = destination.y === source.y;
    return {
      x: source.x,
      width: source.width,
      y: below ? source.y + source.height : destination.y,
      height: destination.height - source.height,
    };
  }
  if (destination.width > source.width) {
    const right = destination.x === source.x;
    return {
      y: source.y,
      height: source.height,
      x: right ? source.x + source.width : destination.x,
      width: destination.width - source.width,
    };
  }
  return undefined;
}

export function modulo(n: number, m: number): number {
  return ((n % m) + m) % m;
}
