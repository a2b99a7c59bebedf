/** Numbers as a reader scans them: [1, 2, 3, 7] → "#1-3, #7". */
export function numberRuns(numbers: readonly number[], mark = '#'): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${mark}${sorted[i]}` : `${mark}${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return runs.join(', ');
}
