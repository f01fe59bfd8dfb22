import type * as Generated from "../core/schema-types/cleanup.js";

export const CLEANUP_REPORT_SCHEMA_VERSION = 1;

export type ItemType = Generated.ItemType;

// The report's types are generated from schemas/cleanup.schema.json (npm run schema-types): the
// published schema is the one description of the report.

/** One priced part of an item: quantity × unit price, rounded to cents. */
export type CostLine = Generated.CostLine;

/** Something in the account that is (or may be) billed while nobody uses it. */
export type CleanupItem = Generated.Item;

/** A listing that failed, with the sentence a student reads: what, where, which permission. */
export type CleanupError = Generated.Error;

export type CleanupStatus = Generated.CleanupReportDocument["status"];

export type CleanupReport = Generated.CleanupReportDocument;
