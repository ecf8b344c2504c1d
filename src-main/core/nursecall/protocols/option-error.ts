/** A protocol option that is wrong, naming the option so Settings can show the message beside it. */
export class ProtocolOptionError extends Error {
  constructor(
    /** The option's key inside the port's `options`, e.g. 'pattern'. */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolOptionError';
  }
}
