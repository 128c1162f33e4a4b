// A logo file refused by its check (logo-file.ts), with a sentence for the person who uploaded it. Apart from
// logo-file.ts so that catching it does not load the image decoders (they load with the first upload).
export class LogoRejected extends Error {}
