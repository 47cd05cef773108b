#pragma once

#include <vector>

#include "domain/records/record_type.h"

namespace pcmd::activities {

// The record types of the programme's daily work (activities A1, A2, A7, A8 of Plan 184):
// communication activities, press items, district plans and pilot models so far.
const records::RecordType& CommunicationActivity();
const records::RecordType& PressItem();
const records::RecordType& DistrictPlan();
const records::RecordType& PilotModel();

// Every programme record type, for the API and imports.
std::vector<const records::RecordType*> ProgrammeRecordTypes();

}  // namespace pcmd::activities
