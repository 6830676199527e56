/**
 * The times a source sent that cannot be right: before 1970, or later than `latest` (now plus
 * the allowed clock skew): typing or clock errors of the source. One problem per such time,
 * at the path `pathOf` gives its index.
 */
export function impossibleTimes(
  times: readonly string[],
  latest: number,
  pathOf: (index: number) => string,
): Array<{ path: string; message: string }> {
  return times.flatMap((time, i) => {
    const t = Date.parse(time);
    if (t >= 0 && t <= latest) return [];
    return [
      {
        path: pathOf(i),
        message:
          t < 0
            ? 'is before 1970'
            : `is later than ${new Date(latest).toISOString()} (now, plus the allowed clock skew)`,
      },
    ];
  });
}
