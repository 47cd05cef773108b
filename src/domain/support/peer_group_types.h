#pragma once

#include <vector>

#include "domain/records/record_type.h"
#include "store/database.h"

namespace pcmd::support {

// The peer programme's record types kept by the generic RecordStore (activity A5, target T13),
// in the support world (access resource peer_group: enforcement roles never reach them):
// - PeerGroup: a peer group, self-help group or club (nhóm đồng đẳng, nhóm tự lực, câu lạc bộ)
//   of a commune or district; its record date is the day it was founded. The peer educators
//   who lead it are accounts (`leaders`): a peer educator reaches only the groups they lead.
// - PeerGroupActivity: one meeting or activity of a group: its date, topic, how many took part,
//   the materials given out and the referrals made. Who attended is recorded by member code
//   through the SupportStore (attendance), not here: these records hold no client code.
// Members (by client code, with join and leave dates) live in the SupportStore as well.
const records::RecordType& PeerGroup();
const records::RecordType& PeerGroupActivity();

std::vector<const records::RecordType*> PeerGroupRecordTypes();

// The code lists of those types (migration 510).
std::vector<store::Migration> PeerGroupTypeMigrations();

}  // namespace pcmd::support
