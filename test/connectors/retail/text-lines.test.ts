import { describe, expect, it } from "vitest";
import { csvLine, jsonLine, type RetailEvent, retailSchema } from "../../../src/connectors/retail/index.ts";
import { parseCsv } from "./support.ts";

const suppliers = retailSchema("suppliers");
const event = (row: RetailEvent["row"], malformed: RetailEvent["malformed"] = null): RetailEvent => ({
  dataSet: "suppliers",
  row,
  eventTime: 0,
  malformed,
});
const row = ["SUP001", 'Acme, "the" Co', "", "line\nbreak", null, "1 Main St", "USA", "Net 30", 45n];

describe("retail text lines", () => {
  it("quotes per RFC 4180 and tells NULL from the empty string", () => {
    const line = csvLine(suppliers, event(row));
    expect(line).toBe('SUP001,"Acme, ""the"" Co","","line\nbreak",,1 Main St,USA,Net 30,4.5\n');
    expect(parseCsv(line)).toEqual([
      ["SUP001", 'Acme, "the" Co', "", "line\nbreak", "", "1 Main St", "USA", "Net 30", "4.5"],
    ]);
  });

  it("renders DECIMAL, DATE and TIMESTAMP in the seed's layout", () => {
    const tx = retailSchema("transactions");
    const at = Date.UTC(2024, 4, 15, 14, 30);
    const values = [
      "TXN001",
      "CUST001",
      at,
      "online",
      null,
      "credit_card",
      29999n,
      2400n,
      3000n,
      29399n,
      "USD",
      "completed",
    ];
    expect(csvLine(tx, { dataSet: "transactions", row: values, eventTime: at, malformed: null })).toBe(
      "TXN001,CUST001,2024-05-15 14:30:00,online,,credit_card,299.99,24.00,30.00,293.99,USD,completed\n",
    );
    expect(jsonLine(tx, { dataSet: "transactions", row: values, eventTime: at, malformed: null })).toBe(
      '{"transaction_id":"TXN001","customer_id":"CUST001","transaction_date":"2024-05-15 14:30:00","channel":"online",' +
        '"store_id":null,"payment_method":"credit_card","subtotal":299.99,"tax_amount":24.00,"discount_amount":30.00,' +
        '"total_amount":293.99,"currency":"USD","status":"completed"}\n',
    );
  });

  it("renders malformations the same way in CSV and JSON", () => {
    const bad = event(row, { kind: "bad_number", column: 8, text: "N/A" });
    expect(csvLine(suppliers, bad).trimEnd().split(",").at(-1)).toBe("N/A");
    expect(JSON.parse(jsonLine(suppliers, bad)).quality_rating).toBe("N/A");
    const cut = event(row, { kind: "truncated", column: 1, text: "" });
    expect(csvLine(suppliers, cut)).toBe("SUP001\n");
    expect(() => JSON.parse(jsonLine(suppliers, cut))).toThrow();
  });
});
