#pragma once

#include <vector>

#include "domain/records/record_type.h"
#include "store/database.h"

namespace pcmd::enforcement {

// The enforcement world's record types kept by the generic RecordStore (activities A3, A4
// of Plan 184; targets T3's and T10's denominators, T9):
// - Establishment: a business establishment prone to prostitution (cơ sở kinh doanh dịch
//   vụ dễ phát sinh tệ nạn mại dâm), recorded at its commune; its record date is the day
//   it was put on the watch list (the day it opened is a field: it may predate the units).
// - EstablishmentWorkforce: its number of workers in a year (T3's denominator).
// - Inspection: one visit of an inspection team to one establishment, with what was found
//   there; the visits of one inspection round share its decision number. The team members
//   are accounts, and an inspector reaches only the inspections naming them.
// - CrimeStatistic: the counts of prostitution-related cases and defendants of a unit,
//   year and offence (Criminal Code 2015 Art. 327–329), entered by the police; no
//   personal data.
const records::RecordType& Establishment();
const records::RecordType& EstablishmentWorkforce();
const records::RecordType& Inspection();
const records::RecordType& CrimeStatistic();

// Every enforcement record type kept by the RecordStore, for the API and imports.
std::vector<const records::RecordType*> EnforcementRecordTypes();

// The code lists of those types (migration 410).
std::vector<store::Migration> EnforcementTypeMigrations();

}  // namespace pcmd::enforcement
