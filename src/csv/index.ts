export { type CsvErrorCode, CsvReadError } from "./csv-error.ts";
export { type EncodingFault, encodingMessage, findEncodingFault, lineOfIndex } from "./encoding.ts";
export { type DecimalResult, parseDecimal } from "./parse-decimal.ts";
export {
  type CsvDelimiter,
  type CsvRow,
  type CsvTable,
  detectDelimiter,
  readCsv,
  requireColumns,
} from "./read-csv.ts";
