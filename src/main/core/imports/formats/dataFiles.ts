// Files that come with public counseling data sets but hold no transcript in a format read here
// (Hugging Face's Parquet, spreadsheets, PDFs): what each is and how to turn it into one that is,
// so a refusal says the fix rather than only "binary".
import { extensionOf } from '../detectFormat';

const spreadsheet = 'a spreadsheet; save each sheet as "CSV UTF-8" (File > Save As) and import the .csv';
const document = 'a document in a format other than DOCX; save it as .docx or plain text (.txt) and import that';

const byExtension: Record<string, string> = {
  parquet:
    "a Parquet file (how Hugging Face data sets download); convert it to JSON Lines first, e.g. python -c \"import pandas as pd; pd.read_parquet('train.parquet').to_json('train.jsonl', orient='records', lines=True, force_ascii=False)\", and import the .jsonl",
  arrow: 'an Arrow file (a Hugging Face data set cache); write the data set out with dataset.to_json("train.jsonl") and import the .jsonl',
  xlsx: spreadsheet,
  xls: spreadsheet,
  ods: spreadsheet,
  numbers: spreadsheet,
  pdf: 'a PDF; copy its text into a .txt file (or open it in Word and save it as .docx) and import that',
  rtf: document,
  odt: document,
  pages: document,
};

const startsWith = (bytes: Uint8Array, magic: string): boolean => [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));

/** What the file is and how to convert it, when its name or first bytes say it is one of these; else undefined. */
export function dataFileAdvice(fileName: string, bytes?: Uint8Array): string | undefined {
  const known = byExtension[extensionOf(fileName)];
  if (known || !bytes) return known;
  if (startsWith(bytes, 'PAR1')) return byExtension.parquet;
  if (startsWith(bytes, '%PDF')) return byExtension.pdf;
  return undefined;
}
