import { useLayoutEffect, useState, type RefObject } from 'react';

export interface BoardFit {
  columns: number;
  /** How many cards fit without scrolling; Infinity before the first measurement. */
  capacity: number;
}

/**
 * How many call cards of `minWidth` × `height` fit in the grid's width and in the window below the
 * grid's top edge. A wall monitor cannot scroll, so what does not fit is counted ("还有 N 条")
 * rather than pushed below the screen's edge.
 */
export function useBoardFit(
  ref: RefObject<HTMLElement | null>,
  size: { minWidth: number; height: number; gap: number; bottom: number },
): BoardFit {
  const [fit, setFit] = useState<BoardFit>({ columns: 4, capacity: Number.POSITIVE_INFINITY });
  const { minWidth, height, gap, bottom } = size;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const width = element.clientWidth;
      const top = element.getBoundingClientRect().top + window.scrollY;
      const columns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
      const rows = Math.max(1, Math.floor((window.innerHeight - top - bottom + gap) / (height + gap)));
      setFit((f) =>
        f.columns === columns && f.capacity === columns * rows ? f : { columns, capacity: columns * rows },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The banners above the grid (a port down, the connection lost) move it down.
    if (element.parentElement) observer.observe(element.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, minWidth, height, gap, bottom]);
  return fit;
}
