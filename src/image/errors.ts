// The one error the image layer throws for bad input (a missing file, a module built for another
// kernel, a busybox without an applet): the CLI prints its message and exits non-zero, with no
// stack trace. `flag` names the command-line input at fault, when there is one.

export class ImageError extends Error {
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(message);
    this.name = "ImageError";
  }
}
