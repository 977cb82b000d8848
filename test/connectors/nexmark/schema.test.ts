import { describe, expect, it } from "vitest";
import {
  NEXMARK_COLUMNS,
  NEXMARK_TABLE_SQL,
  NEXMARK_VIEWS_SQL,
  NexmarkGenerator,
  nexmarkTableSql,
} from "../../../src/connectors/nexmark/index.ts";

describe("nexmark schema", () => {
  it("lists the Flink nexmark columns with their types; generated rows follow it", () => {
    expect(NEXMARK_COLUMNS.map((c) => c.name)).toEqual([
      "event_type",
      "person",
      "auction",
      "bid",
      "dateTime",
    ]);
    expect(NEXMARK_COLUMNS[0]!.type).toBe("INT");
    expect(NEXMARK_COLUMNS[3]!.type).toBe(
      "ROW<`auction` BIGINT, `bidder` BIGINT, `price` BIGINT, `channel` VARCHAR, `url` VARCHAR, `dateTime` TIMESTAMP(3), `extra` VARCHAR>",
    );
    const rows = new NexmarkGenerator().generate(0, 100);
    for (const row of rows) {
      expect(row).toHaveLength(NEXMARK_COLUMNS.length);
      const type = row[0] as number;
      expect(row[type + 1]).toHaveLength(NEXMARK_COLUMNS[type + 1]!.fields!.length);
    }
  });

  it("writes the standard table DDL with the computed event time and 4 s watermark", () => {
    expect(NEXMARK_TABLE_SQL).toContain("CREATE TABLE nexmark (");
    expect(NEXMARK_TABLE_SQL).toContain(
      "`dateTime` AS CASE WHEN event_type = 0 THEN person.`dateTime` WHEN event_type = 1 THEN auction.`dateTime` ELSE bid.`dateTime` END",
    );
    expect(NEXMARK_TABLE_SQL).toContain("WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND");
    expect(NEXMARK_TABLE_SQL).toMatch(/\) WITH \(\n {2}'connector' = 'nexmark'\n\);$/);
    const sized = nexmarkTableSql({ "events.num": "1000", "first-event.rate": "10000" }, "datagen");
    expect(sized).toContain("CREATE TABLE datagen (");
    expect(sized).toContain(
      "'connector' = 'nexmark',\n  'events.num' = '1000',\n  'first-event.rate' = '10000'\n);",
    );
  });

  it("defines the three views over the table's event time", () => {
    expect(NEXMARK_VIEWS_SQL).toContain("CREATE VIEW person AS\nSELECT\n  person.`id`,");
    expect(NEXMARK_VIEWS_SQL).toContain("FROM nexmark WHERE event_type = 0;");
    expect(NEXMARK_VIEWS_SQL).toContain("FROM nexmark WHERE event_type = 1;");
    expect(NEXMARK_VIEWS_SQL).toContain(
      "CREATE VIEW bid AS\nSELECT\n  bid.`auction`,\n  bid.`bidder`,\n  bid.`price`,\n  bid.`channel`,\n  bid.`url`,\n  `dateTime`,\n  bid.`extra`\nFROM nexmark WHERE event_type = 2;",
    );
  });
});
