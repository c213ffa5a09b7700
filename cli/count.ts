/** A count with its noun: `count(1, "boundary", "boundaries")` is "1 boundary", `count(2, "field")` "2 fields". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
