#pragma once

#include <vector>

#include "domain/records/record_type.h"

namespace pcmd::activities {

// The record types of the programme's daily work (activities A1, A2, A7, A8 of Plan 184):
// communication activities, press items, district plans, pilot models, the industrial-zone,
// school and officials registers with their yearly denominators, outreach, trainings and
// their participants, communication materials.
const records::RecordType& CommunicationActivity();
const records::RecordType& PressItem();
const records::RecordType& DistrictPlan();
const records::RecordType& PilotModel();
// A leaflet, poster or video with its file (PDF or image, checked by content) or link.
const records::RecordType& CommunicationMaterial();
// Registers and reach (reach_types.cc).
const records::RecordType& IndustrialZone();
const records::RecordType& ZoneWorkforce();
const records::RecordType& School();
const records::RecordType& SchoolEnrolment();
const records::RecordType& Outreach();
const records::RecordType& Official();
const records::RecordType& Training();
const records::RecordType& TrainingParticipant();

// Every programme record type, for the API and imports.
std::vector<const records::RecordType*> ProgrammeRecordTypes();

}  // namespace pcmd::activities
