/**
 * Counts turns of the event loop from now until `stop()`: work that gives the loop back between
 * slices lets it count, work that holds the loop leaves it at 0.
 */
export function countTurns(): { stop(): number } {
  let turns = 0;
  let counting = true;
  const turn = () => {
    if (!counting) return;
    turns += 1;
    setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop() {
      counting = false;
      return turns;
    },
  };
}
