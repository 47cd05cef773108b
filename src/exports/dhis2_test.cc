// Tests of the DHIS2 exchange: dhis2.cc (periods, values, ADX, imported rows) and dhis2_mapping.cc
// (the mapping file), including the shipped sample data/dhis2/mapping.toml.
#include "exports/dhis2.h"

#include <gtest/gtest.h>

#include <set>

namespace pcmd::exports {
namespace {

constexpr const char* kMapping = R"(
[data_set]
uid = "Ds0000000P1"
period_types = ["Yearly", "SixMonthly", "Quarterly"]

[org_units]
unmapped = "code"
[org_units.uids]
"37" = "Ou00000NB37"
"369" = "Ou0000NB369"

[targets.T1]
data_element = "De0000000T1"
[targets.T2]
data_element = "De0000000T2"
category_option_combo = "Coc00000001"
attribute_option_combo = "Aoc00000001"
)";

Dhis2Mapping Sample() {
  auto m = ParseDhis2Mapping(kMapping, "mapping.toml");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : Dhis2Mapping{};
}

std::set<std::string> FieldsOf(const base::Status& s) {
  std::set<std::string> out;
  for (const auto& f : s.fields()) out.insert(f.field + ":" + f.code);
  return out;
}

TEST(Dhis2Period, PcmdPeriodsBecomeDhis2IsoPeriodsAndBack) {
  EXPECT_EQ(ToDhis2Period("2024").value(), "2024");
  EXPECT_EQ(ToDhis2Period("2024Q2").value(), "2024Q2");
  EXPECT_EQ(ToDhis2Period("202405").value(), "202405");
  EXPECT_EQ(ToDhis2Period("2025H1").value(), "2025S1");
  EXPECT_EQ(ToDhis2Period("2025H2").value(), "2025S2");
  EXPECT_EQ(FromDhis2Period("2025S2").value(), "2025H2");
  EXPECT_EQ(FromDhis2Period("2024Q4").value(), "2024Q4");
  EXPECT_EQ(FromDhis2Period("202412").value(), "202412");
  EXPECT_EQ(FromDhis2Period("2024").value(), "2024");
  EXPECT_EQ(PeriodTypeOf("2025H1"), Dhis2PeriodType::kSixMonthly);
  EXPECT_EQ(PeriodTypeOf("202401"), Dhis2PeriodType::kMonthly);
}

TEST(Dhis2Period, SpansOfYearsAndMalformedPeriodsAreFieldErrors) {
  EXPECT_EQ(FieldsOf(ToDhis2Period("P2021-2025").status()),
            (std::set<std::string>{"period:no_dhis2_period"}));
  for (const char* bad : {"2024Q5", "202413", "202400", "2024S1", "24", "2024-05", "abcd"}) {
    EXPECT_EQ(FieldsOf(ToDhis2Period(bad).status()),
              (std::set<std::string>{"period:invalid_value"}))
        << bad;
  }
  for (const char* bad : {"2024H1", "2024-05", "2024W3", "", "2024S3", "1800"}) {
    EXPECT_FALSE(FromDhis2Period(bad).ok()) << bad;
  }
}

TEST(Dhis2Period, AdxPeriodsAreAStartDayAndADuration) {
  EXPECT_EQ(AdxPeriod("2024").value(), "2024-01-01/P1Y");
  EXPECT_EQ(AdxPeriod("2025H2").value(), "2025-07-01/P6M");
  EXPECT_EQ(AdxPeriod("2024Q4").value(), "2024-10-01/P3M");
  EXPECT_EQ(AdxPeriod("202405").value(), "2024-05-01/P1M");
  EXPECT_FALSE(AdxPeriod("P2021-2025").ok());
}

TEST(Dhis2Value, ValuesArePlainDecimalsThatReadBackExactly) {
  EXPECT_EQ(FormatDhis2Value(12), "12");
  EXPECT_EQ(FormatDhis2Value(0), "0");
  EXPECT_EQ(FormatDhis2Value(-0.0), "0");
  EXPECT_EQ(FormatDhis2Value(0.0001), "0.0001");
  EXPECT_EQ(FormatDhis2Value(-2.5), "-2.5");
  const double third = 100.0 / 3;
  EXPECT_EQ(std::stod(FormatDhis2Value(third)), third);
  EXPECT_EQ(FormatDhis2Value(1e21).find('e'), std::string::npos);
}

TEST(Dhis2Mapping, AParsedMappingLooksUpBothWays) {
  Dhis2Mapping m = Sample();
  EXPECT_EQ(m.data_set, "Ds0000000P1");
  EXPECT_EQ(m.period_types.size(), 3u);
  EXPECT_EQ(m.OrgUnitOf("37"), std::optional<std::string>("Ou00000NB37"));
  EXPECT_EQ(m.OrgUnitOf("14347"), std::optional<std::string>("14347"));  // as is
  EXPECT_EQ(m.UnitOf("Ou0000NB369"), std::optional<std::string>("369"));
  EXPECT_EQ(m.UnitOf("14347"), std::optional<std::string>("14347"));
  EXPECT_EQ(m.UnitOf("37"), std::nullopt);  // a mapped unit is named by its uid only
  EXPECT_EQ(m.TargetOf("De0000000T2", "Coc00000001"), std::optional<std::string>("T2"));
  EXPECT_EQ(m.TargetOf("De0000000T2", ""), std::nullopt);
  EXPECT_TRUE(IsDhis2Uid("a1234567890"));
  EXPECT_FALSE(IsDhis2Uid("1abcdefghij"));
  EXPECT_FALSE(IsDhis2Uid("abc"));
  EXPECT_FALSE(IsDhis2Uid("abcdefghij-"));
}

TEST(Dhis2Mapping, WithoutTheCodeRuleUnmappedUnitsHaveNoOrgUnit) {
  std::string text = kMapping;
  text.replace(text.find("unmapped = \"code\""), 17, "unmapped = \"none\"");
  auto m = ParseDhis2Mapping(text, "m.toml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->OrgUnitOf("14347"), std::nullopt);
  EXPECT_EQ(m->UnitOf("14347"), std::nullopt);
}

TEST(Dhis2Mapping, EveryProblemIsReportedNamingItsKey) {
  auto m = ParseDhis2Mapping(R"(
[data_set]
uid = "short"
period_types = ["Yearly", "Weekly"]
colour = "red"

[org_units]
unmapped = "maybe"
[org_units.uids]
"37" = "Ou00000NB37"
"369" = "Ou00000NB37"
"372" = 12

[targets.T1]
data_element = "De0000000T1"
[targets.T2]
data_element = "De0000000T1"
[targets.T3]
category_option_combo = "Coc00000001"
[targets.T4]
data_element = "De0000000T4"
catgory_option_combo = "Coc00000001"
)",
                             "m.toml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      FieldsOf(m.status()),
      (std::set<std::string>{"data_set.uid:invalid_uid", "data_set.period_types[1]:invalid_value",
                             "data_set.colour:unknown_key", "org_units.unmapped:invalid_value",
                             "org_units.uids.37:duplicate" /* keys sorted: 369 first */,
                             "org_units.uids.372:invalid_uid", "targets.T2.data_element:duplicate",
                             "targets.T3.data_element:required",
                             "targets.T4.catgory_option_combo:unknown_key"}));
  EXPECT_NE(m.status().message().find("m.toml"), std::string::npos);
  EXPECT_NE(m.status().message().find("data_set.uid"), std::string::npos);

  auto missing = ParseDhis2Mapping("", "empty.toml");
  EXPECT_EQ(FieldsOf(missing.status()),
            (std::set<std::string>{"data_set:required", "org_units:required", "targets:required"}));
  auto broken = ParseDhis2Mapping("[data_set\nuid = 1", "broken.toml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("broken.toml:1"), std::string::npos);
  EXPECT_EQ(LoadDhis2Mapping("/no/such/mapping.toml").status().code(), base::StatusCode::kNotFound);
}

TEST(Dhis2Mapping, TheShippedSampleIsValidAndMapsTheProvinceAndItsDistricts) {
  auto m = LoadDhis2Mapping(std::string(PCMD_SOURCE_DIR) + "/data/dhis2/mapping.toml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  for (const char* unit : {"37", "369", "370", "372", "373", "374", "375", "376", "377"}) {
    auto ou = m->OrgUnitOf(unit);
    ASSERT_TRUE(ou.has_value()) << unit;
    EXPECT_TRUE(IsDhis2Uid(*ou)) << unit;
  }
  EXPECT_TRUE(m->targets.count("T1"));
  EXPECT_TRUE(m->is_unit_code_as_is);
}

TEST(Dhis2Export, DataValuesFollowTheMappingAndLeaveUnmappedTargetsOut) {
  Dhis2Mapping m = Sample();
  auto dv = ToDataValues(
      m, {{"T1", "37", "2024", 12.5}, {"T2", "369", "2025H1", 3}, {"T9", "37", "2024", 1}});
  ASSERT_TRUE(dv.ok()) << dv.status().ToString();
  ASSERT_EQ(dv->size(), 2u);
  EXPECT_EQ((*dv)[0].data_element, "De0000000T1");
  EXPECT_EQ((*dv)[0].org_unit, "Ou00000NB37");
  EXPECT_EQ((*dv)[0].period, "2024");
  EXPECT_EQ((*dv)[0].value, "12.5");
  EXPECT_EQ((*dv)[1].category_option_combo, "Coc00000001");
  EXPECT_EQ((*dv)[1].attribute_option_combo, "Aoc00000001");
  EXPECT_EQ((*dv)[1].period, "2025S1");

  EXPECT_EQ(FieldsOf(ToDataValues(m, {{"T1", "37", "202405", 1}}).status()),
            (std::set<std::string>{"period:period_type_not_taken"}));
  EXPECT_EQ(FieldsOf(ToDataValues(m, {{"T1", "37", "P2021-2025", 1}}).status()),
            (std::set<std::string>{"period:no_dhis2_period"}));
  m.is_unit_code_as_is = false;
  EXPECT_EQ(FieldsOf(ToDataValues(m, {{"T1", "14347", "2024", 1}}).status()),
            (std::set<std::string>{"unit:not_mapped"}));
}

TEST(Dhis2Export, AdxGroupsValuesByOrgUnitAndPeriod) {
  Dhis2Mapping m = Sample();
  auto dv = ToDataValues(
      m, {{"T1", "37", "2024", 12.5}, {"T1", "369", "2024", 3}, {"T2", "37", "2024", 7}});
  ASSERT_TRUE(dv.ok());
  const std::string adx = WriteAdx(m, *dv, "2025-07-01T03:04:05Z");
  EXPECT_EQ(adx,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2025-07-01T03:04:05Z\">\n"
            "  <group orgUnit=\"Ou00000NB37\" period=\"2024-01-01/P1Y\" dataSet=\"Ds0000000P1\">\n"
            "    <dataValue dataElement=\"De0000000T1\" value=\"12.5\"/>\n"
            "  </group>\n"
            "  <group orgUnit=\"Ou0000NB369\" period=\"2024-01-01/P1Y\" dataSet=\"Ds0000000P1\">\n"
            "    <dataValue dataElement=\"De0000000T1\" value=\"3\"/>\n"
            "  </group>\n"
            "  <group orgUnit=\"Ou00000NB37\" period=\"2024-01-01/P1Y\" dataSet=\"Ds0000000P1\" "
            "attributeOptionCombo=\"Aoc00000001\">\n"
            "    <dataValue dataElement=\"De0000000T2\" categoryOptionCombo=\"Coc00000001\" "
            "value=\"7\"/>\n"
            "  </group>\n"
            "</adx>\n");
}

TEST(Dhis2Import, GoodRowsBecomePcmdValues) {
  Dhis2Mapping m = Sample();
  auto r = ResolveDataValues(m, {{"De0000000T1", "", "", "Ou0000NB369", "2025S1", "12"},
                                 {"De0000000T2", "Coc00000001", "", "14347", "2025S1", "-0.5"}});
  EXPECT_TRUE(r.conflicts.empty());
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].target, "T1");
  EXPECT_EQ(r.values[0].unit_code, "369");
  EXPECT_EQ(r.values[0].period, "2025H1");
  EXPECT_EQ(r.values[0].value, 12);
  EXPECT_EQ(r.values[1].row, 1u);
  EXPECT_EQ(r.values[1].target, "T2");
  EXPECT_EQ(r.values[1].unit_code, "14347");
  EXPECT_EQ(r.values[1].value, -0.5);
}

TEST(Dhis2Import, EveryBadRowNamesItsRowAndField) {
  Dhis2Mapping m = Sample();
  auto r = ResolveDataValues(m, {{"De0000000T1", "", "", "Ou0000NB369", "2025S1", "12"},
                                 {"DeUnknown01", "", "", "Ou0000NB369", "2025S1", "1"},
                                 {"De0000000T1", "", "", "no such unit", "2025S1", "1"},
                                 {"De0000000T1", "", "", "Ou00000NB37", "2025H1", "1"},
                                 {"De0000000T1", "", "", "Ou00000NB37", "2025S1", "lots"},
                                 {"De0000000T1", "", "", "Ou0000NB369", "2025S1", "13"},
                                 {"", "", "", "", "", ""},
                                 {"De0000000T2", "", "", "Ou00000NB37", "2025S1", "1"},
                                 {"De0000000T1", "", "", "Ou00000NB37", "2025S1", "1e400"}});
  std::set<std::string> got;
  for (const auto& c : r.conflicts)
    got.insert(std::to_string(c.row) + ":" + c.field + ":" + c.code);
  EXPECT_EQ(got, (std::set<std::string>{
                     "1:dataElement:unknown_data_element", "2:orgUnit:unknown_org_unit",
                     "3:period:invalid_period", "4:value:invalid_value", "5:dataElement:duplicate",
                     "6:dataElement:required", "6:orgUnit:required", "6:period:required",
                     "6:value:required", "7:categoryOptionCombo:unknown_data_element",
                     "8:value:invalid_value"}));
  ASSERT_EQ(r.values.size(), 1u);
  EXPECT_EQ(r.values[0].row, 0u);
}

}  // namespace
}  // namespace pcmd::exports
