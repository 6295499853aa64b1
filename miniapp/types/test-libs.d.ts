/** jsbarcode's encoder, used by tests only to cross-check the app's own Code 128 encoder. */
declare module 'jsbarcode/bin/barcodes/CODE128' {
  export class CODE128C {
    constructor(data: string, options: object)
    encode(): { data: string; text: string }
  }
}
