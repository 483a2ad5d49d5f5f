/**
 * The union of every record a parser returns, discriminated by `format`. Each format's schema lives in
 * its own module under ingest/records/ (one zod declaration = validator + type); this file only joins them.
 * Parser authors: add your record to the union as you add a parser.
 */
export {};
