// Tests of the tip store: tip_store.cc, tip_store_internal.cc, tip_denouncer.cc and tip_reports.cc
// (summary, notifications, deadline rules), on the tables and code lists of tip_migrations.cc (the
// fixture migrates a fresh store with them, and the codes seeded are the ones the tips use); its
// handling steps in tip_steps_test.cc.
#include "domain/enforcement/tip_store_test_fixture.h"

namespace pcmd::enforcement {
namespace {

using namespace tip_testing;  // NOLINT(google-build-using-namespace): the fixture and its helpers

TEST_P(TipStoreTest, CreateStoresTheTipWithItsKindsDeadline) {
  Tip t = Make(Input());
  EXPECT_EQ(t.status, TipStatus::kReceived);
  EXPECT_EQ(t.version, 1);
  EXPECT_EQ(t.received_at, "2024-03-01T02:00:00Z");
  EXPECT_EQ(t.received_on, D("2024-03-01"));
  EXPECT_EQ(t.deadline_days, 20);
  EXPECT_EQ(t.deadline, D("2024-03-21"));
  EXPECT_EQ(t.timeliness, Timeliness::kNotDue);
  EXPECT_EQ(t.days_left, 20);
  EXPECT_EQ(t.created_by, intake_.account_id);
  auto got = tips_->Get(intake_, t.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->content, t.content);
  EXPECT_EQ(got->deadline, D("2024-03-21"));
  auto h = tips_->History(intake_, t.id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].step, "receive");
  EXPECT_EQ((*h)[0].at, "2024-03-01T02:00:00Z");
  EXPECT_EQ((*h)[0].by, intake_.account_id);

  Tip complaint = Make(Input("374", "complaint"));
  EXPECT_EQ(complaint.deadline, D("2024-03-31"));
  Tip report = Make(Input("37", "administrative_report"));
  EXPECT_EQ(report.deadline, D("2024-03-16"));
}

TEST_P(TipStoreTest, CreateIsIdempotentByClientId) {
  NewTip in = Input();
  in.id = "123E4567-E89B-42D3-A456-426614174000";
  in.denouncer = Denouncer{kName, "001234567890", "Ninh Bình", kPhone, ""};
  Tip first = Make(in);
  EXPECT_EQ(first.id, "123e4567-e89b-42d3-a456-426614174000");
  bool created = true;
  auto again = tips_->Create(intake_, "intake", in, &created);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(created);
  EXPECT_EQ(again->version, 1);

  NewTip other = in;
  other.content = "Nội dung khác";
  auto conflict = tips_->Create(intake_, "intake", other, &created);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), StatusCode::kConflict);
  EXPECT_EQ(conflict.status().machine_code(), "id_conflict");

  NewTip other_identity = in;
  other_identity.denouncer->phone = "0900000000";
  EXPECT_EQ(tips_->Create(intake_, "intake", other_identity, &created).status().machine_code(),
            "id_conflict");
  auto page = tips_->List(intake_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

TEST_P(TipStoreTest, ValidationNamesEveryField) {
  NewTip in = Input("99999", "gossip", "yesterday");
  in.id = "not-a-uuid";
  in.channel = "pigeon";
  in.content = std::string(4001, 'x');
  in.place = std::string(301, 'x');
  in.subject_unit = "88888";
  in.establishment_id = "00000000-0000-4000-8000-000000000001";
  bool created = false;
  auto r = tips_->Create(intake_, "intake", in, &created);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(r.status()),
            (std::set<std::string>{"id:invalid_format", "received_at:invalid_format",
                                   "unit:not_found", "channel:invalid_code", "kind:invalid_code",
                                   "content:too_long", "place:too_long", "subject_unit:not_found",
                                   "establishment_id:not_found"}));
  for (const auto& f : r.status().fields()) {
    EXPECT_FALSE(f.message_vi.empty()) << f.field;
    EXPECT_FALSE(f.message_en.empty()) << f.field;
  }
  NewTip empty;
  auto e = tips_->Create(intake_, "intake", empty, &created);
  EXPECT_EQ(FieldsOf(e.status()),
            (std::set<std::string>{"received_at:required", "unit:required", "channel:required",
                                   "kind:required", "content:required"}));
  NewTip future =
      Input("14347", "crime_report", "2024-03-02T01:00:00Z");  // 08:00 tomorrow in Vietnam
  EXPECT_EQ(FieldsOf(tips_->Create(intake_, "intake", future, &created).status()),
            (std::set<std::string>{"received_at:in_future"}));
}

TEST_P(TipStoreTest, AUnitOutOfScopeIsNamed) {
  bool created = false;
  auto r = tips_->Create(intake374_, "intake", Input("14320"), &created);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"unit:out_of_scope"}));
  EXPECT_TRUE(tips_->Create(intake374_, "intake", Input("14350"), &created).ok());
}

TEST_P(TipStoreTest, TheSubjectNamesALiveEstablishmentTheCallerReads) {
  InsertRecord("e0000000-0000-4000-8000-000000000001", "establishment", "14347");
  InsertRecord("e0000000-0000-4000-8000-000000000002", "establishment", "14347", "{}",
               /*deleted=*/true);
  InsertRecord("e0000000-0000-4000-8000-000000000003", "press_item", "14347");
  InsertRecord("e0000000-0000-4000-8000-000000000004", "establishment", "14320");
  NewTip in = Input();
  in.establishment_id = "e0000000-0000-4000-8000-000000000001";
  in.subject_unit = "14347";
  Tip t = Make(in);
  EXPECT_EQ(t.establishment_id, "e0000000-0000-4000-8000-000000000001");
  Make(in);
  Tip done = Make(in);
  Run(done, {.step = TipStep::kTransfer, .agency = "Công an huyện"});
  EXPECT_EQ(tips_->OpenTipsByEstablishment().value(),
            (std::map<std::string, int>{{"e0000000-0000-4000-8000-000000000001", 2}}));
  bool created = false;
  for (const char* id :
       {"e0000000-0000-4000-8000-000000000002", "e0000000-0000-4000-8000-000000000003"}) {
    in.establishment_id = id;
    EXPECT_EQ(FieldsOf(tips_->Create(intake_, "intake", in, &created).status()),
              (std::set<std::string>{"establishment_id:not_found"}))
        << id;
  }
  // an establishment of another district: out of the district intake officer's reach
  NewTip out = Input("14350");
  out.establishment_id = "e0000000-0000-4000-8000-000000000004";
  EXPECT_EQ(FieldsOf(tips_->Create(intake374_, "intake", out, &created).status()),
            (std::set<std::string>{"establishment_id:not_found"}));
}

TEST_P(TipStoreTest, TheDenouncerIsSealedAtRestAndEveryReadAudited) {
  NewTip in = Input();
  in.denouncer =
      Denouncer{kName, "001234567890", "Thôn Đông, xã Ninh Nhất", kPhone, "to.giac@example.vn"};
  Tip t = Make(in);

  // the raw row holds no part of the identity
  std::string sealed;
  ASSERT_TRUE(db().Read([&](store::Transaction& tx) -> base::Status {
                    PCMD_ASSIGN_OR_RETURN(
                        store::Rows rows,
                        tx.Query("SELECT sealed FROM tip_denouncers WHERE tip_id = :1", {t.id}));
                    if (!rows.empty()) sealed = rows[0].Text(0);
                    return base::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.rfind("v1:", 0), 0u);
  for (const char* table : {"tip_denouncers", "tips", "tip_events", "change_log", "audit_log"}) {
    const std::string text = TableText(table);
    for (const char* secret : {kName, kPhone, "001234567890", "to.giac@example.vn", "Thôn Đông"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << table << " holds " << secret;
    }
  }
  // a box with another key cannot open it
  base::SecretBox other = base::SecretBox::FromKey(std::string(32, 'x'));
  EXPECT_FALSE(other.Unseal(sealed, "tip.denouncer").ok());

  auto who = tips_->GetDenouncer(intake_, {intake_.account_id, "intake_officer", "r1"}, t.id);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->name, kName);
  EXPECT_EQ(who->phone, kPhone);
  auto audit = db().ReadAudit({.action = "read", .entity = "tip_denouncer"});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->second, 1);
  EXPECT_EQ(audit->first[0].entity_id, t.id);
  EXPECT_EQ(audit->first[0].actor, intake_.account_id);

  // only the denouncer resource opens it: the province officer reads the tip, not the identity
  EXPECT_TRUE(tips_->Get(province_, t.id).ok());
  EXPECT_EQ(tips_->GetDenouncer(province_, "p", t.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->GetDenouncer(district_, "d", t.id).status().code(), StatusCode::kNotFound);

  // replacing it
  ASSERT_TRUE(tips_->PutDenouncer(intake_, "i", t.id, {kName, "", "", "0987654321", ""}).ok());
  EXPECT_EQ(tips_->GetDenouncer(intake_, "i", t.id)->phone, "0987654321");
  EXPECT_EQ(tips_->PutDenouncer(province_, "p", t.id, {kName, "", "", "", ""}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(FieldsOf(tips_->PutDenouncer(intake_, "i", t.id, {"", "", "", "", ""})),
            (std::set<std::string>{"name:required"}));
  EXPECT_EQ(
      FieldsOf(tips_->PutDenouncer(intake_, "i", t.id, {kName, "12-34", "", "phone?", "no-at"})),
      (std::set<std::string>{"id_number:invalid_format", "phone:invalid_format",
                             "email:invalid_format"}));
}

TEST_P(TipStoreTest, RecordingADenouncerNeedsItsGrant) {
  NewTip in = Input();
  in.denouncer = Denouncer{kName, "", "", kPhone, ""};
  bool created = false;
  auto r = tips_->Create(province_, "p", in, &created);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"denouncer:forbidden"}));
  EXPECT_EQ(r.status().message().find(kName), std::string::npos);
  in.denouncer.reset();
  EXPECT_TRUE(tips_->Create(province_, "p", in, &created).ok());
}

TEST_P(TipStoreTest, AnAnonymousTipHasNoIdentity) {
  NewTip in = Input();
  in.is_anonymous = true;
  in.denouncer = Denouncer{kName, "", "", "", ""};
  bool created = false;
  EXPECT_EQ(FieldsOf(tips_->Create(intake_, "i", in, &created).status()),
            (std::set<std::string>{"denouncer:not_allowed"}));
  in.denouncer.reset();
  Tip t = Make(in);
  EXPECT_TRUE(t.is_anonymous);
  EXPECT_EQ(tips_->GetDenouncer(intake_, "i", t.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->PutDenouncer(intake_, "i", t.id, {kName, "", "", "", ""}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(TableText("tip_denouncers"), "");
}

TEST_P(TipStoreTest, InspectorsSeeOnlyTheTipsAssignedToThem) {
  Tip mine = Assigned(Make(Input("14347")), inspector_);
  Tip theirs = Assigned(Make(Input("14350")), inspector2_);
  Tip nobody = Make(Input("14347"));

  auto page = tips_->List(inspector_, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, mine.id);
  EXPECT_TRUE(tips_->Get(inspector_, mine.id).ok());
  EXPECT_EQ(tips_->Get(inspector_, theirs.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->Get(inspector_, nobody.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->History(inspector_, nobody.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->List(inspector2_, {})->total, 1);
  EXPECT_EQ(tips_->List(inspector369_, {})->total, 0);
  EXPECT_EQ(tips_->List(intake_, {})->total, 3);

  // inspectors record the handling of their tips, nothing else
  bool created = false;
  EXPECT_EQ(tips_->Create(inspector_, "i", Input(), &created).status().code(),
            StatusCode::kPermissionDenied);
  auto r = tips_->Step(inspector_, "i", mine.id,
                       {.step = TipStep::kTransfer, .version = mine.version, .agency = "CA"});
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(tips_->Update(inspector_, "i", mine.id, {.version = mine.version}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(tips_->Delete(inspector_, "i", mine.id, mine.version).status().code(),
            StatusCode::kPermissionDenied);
  r = tips_->Step(inspector_, "i", theirs.id,
                  {.step = TipStep::kHandle, .version = theirs.version, .note = "x"});
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  Run(mine, {.step = TipStep::kHandle, .note = "Đã xử lý"}, &inspector_);

  // reassigned: the first inspector loses it
  Tip moved = Run(*tips_->Get(intake_, theirs.id),
                  {.step = TipStep::kAssign, .assignee = inspector_.account_id});
  EXPECT_TRUE(tips_->Get(inspector_, moved.id).ok());
  EXPECT_EQ(tips_->Get(inspector2_, moved.id).status().code(), StatusCode::kNotFound);
}

TEST_P(TipStoreTest, OfficersReadTheirSubtreeAndSupportRolesNothing) {
  Make(Input("14347"));
  Make(Input("14320"));
  Tip at_province = Make(Input("37"));
  EXPECT_EQ(tips_->List(province_, {})->total, 3);
  EXPECT_EQ(tips_->List(district_, {})->total, 1);
  EXPECT_EQ(tips_->List(intake374_, {})->total, 1);
  EXPECT_EQ(tips_->Get(district_, at_province.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->List(province_, {.unit = "369"})->total, 1);
  EXPECT_EQ(tips_->List(district_, {.unit = "369"})->total, 0);  // beside its unit: nothing

  EXPECT_EQ(tips_->List(social_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(tips_->Get(social_, at_province.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->History(social_, at_province.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      tips_->Summary(social_, std::nullopt, base::Period::Parse("2024").value()).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_TRUE(tips_->Notices(social_)->empty());
  bool created = false;
  EXPECT_EQ(tips_->Create(social_, "s", Input("14347"), &created).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(tips_->GetDenouncer(social_, "s", at_province.id).status().code(),
            StatusCode::kNotFound);
}

TEST_P(TipStoreTest, TheAssigneeIsAnActiveHandlerWhoReachesTheTip) {
  Tip t = Make(Input("14347"));
  t = Run(t, {.step = TipStep::kVerify});
  t = Run(t, {.step = TipStep::kClassify, .kind = t.kind});
  auto assign = [&](const std::string& who) {
    return tips_
        ->Step(intake_, "x", t.id,
               {.step = TipStep::kAssign, .version = t.version, .assignee = who})
        .status();
  };
  EXPECT_EQ(FieldsOf(assign(social_.account_id)), (std::set<std::string>{"assignee:invalid_role"}));
  EXPECT_EQ(FieldsOf(assign(inspector369_.account_id)),
            (std::set<std::string>{"assignee:out_of_scope"}));
  EXPECT_EQ(FieldsOf(assign("00000000-0000-4000-8000-000000000000")),
            (std::set<std::string>{"assignee:not_found"}));
  ASSERT_TRUE(accounts_->DisableSystem("cli", "insp2.37").ok());
  EXPECT_EQ(FieldsOf(assign(inspector2_.account_id)), (std::set<std::string>{"assignee:disabled"}));
  EXPECT_TRUE(assign(district_.account_id).ok());
}

TEST_P(TipStoreTest, TheSummaryCountsPerUnitAndHandlerWithoutPersonalData) {
  NewTip named = Input("14347", "crime_report");
  named.denouncer = Denouncer{kName, "", "", kPhone, ""};
  Tip a = Assigned(Make(named), inspector_);                         // 14347 → 374
  Tip b = Make(Input("14350", "administrative_report"));             // 14350 → 374, overdue later
  Tip c = Assigned(Make(Input("14320", "complaint")), inspector2_);  // 14320 → 369
  Tip d = Make(Input("37", "complaint"));                            // the province's own
  Make(Input("14347", "complaint", "2023-12-31T02:00:00Z"));         // another year
  now_ = "2024-03-18T03:00:00.000Z";
  Run(a, {.step = TipStep::kHandle, .note = "Xong"}, &inspector_);  // on time
  (void)b;
  (void)d;
  now_ = "2024-04-02T03:00:00.000Z";
  Run(c, {.step = TipStep::kHandle, .note = "Xong"}, &inspector2_);  // late (deadline 03-31)

  auto s = tips_->Summary(province_, std::nullopt, base::Period::Parse("2024Q1").value());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->unit_code, "37");
  EXPECT_EQ(s->period, "2024Q1");
  EXPECT_EQ(s->totals.received, 4);
  EXPECT_EQ(s->totals.verified, 2);
  EXPECT_EQ(s->totals.classified, 2);
  EXPECT_EQ(s->totals.handled, 2);
  EXPECT_EQ(s->totals.handled_on_time, 1);
  EXPECT_EQ(s->totals.handled_late, 1);
  EXPECT_EQ(s->totals.open, 2);
  EXPECT_EQ(s->totals.overdue, 2);  // b (03-16) and d (03-31) on 04-02
  EXPECT_EQ(s->totals.due_soon, 0);
  ASSERT_EQ(s->units.size(), 3u);
  EXPECT_EQ(s->units[0].unit_code, "37");
  EXPECT_TRUE(s->units[0].is_own);
  EXPECT_EQ(s->units[0].counts.received, 1);
  EXPECT_EQ(s->units[1].unit_code, "369");
  EXPECT_EQ(s->units[1].counts.handled_late, 1);
  EXPECT_EQ(s->units[2].unit_code, "374");
  EXPECT_EQ(s->units[2].counts.received, 2);
  EXPECT_EQ(s->units[2].counts.handled_on_time, 1);
  EXPECT_EQ(s->units[2].counts.overdue, 1);
  ASSERT_EQ(s->handlers.size(), 3u);  // "", inspector, inspector2
  std::map<std::string, TipCounts> by;
  for (const auto& h : s->handlers) {
    by[h.assignee] = h.counts;
  }
  EXPECT_EQ(by[""].received, 2);
  EXPECT_EQ(by[inspector_.account_id].handled_on_time, 1);
  EXPECT_EQ(by[inspector2_.account_id].handled_late, 1);

  // a district below: its communes
  auto district = tips_->Summary(district_, std::nullopt, base::Period::Parse("2024").value());
  ASSERT_TRUE(district.ok());
  EXPECT_EQ(district->unit_code, "374");
  EXPECT_EQ(district->totals.received, 2);
  ASSERT_EQ(district->units.size(), 2u);
  EXPECT_EQ(district->units[0].unit_code, "14347");
  EXPECT_EQ(district->units[1].unit_code, "14350");
  // an inspector counts the tips assigned to them only
  auto mine = tips_->Summary(inspector_, "37", base::Period::Parse("2024").value());
  EXPECT_EQ(mine->unit_code, "37");
  EXPECT_EQ(mine->totals.received, 1);  // above the inspector's unit: narrowed to it
  mine = tips_->Summary(inspector_, std::nullopt, base::Period::Parse("2024").value());
  EXPECT_EQ(mine->totals.received, 1);
  EXPECT_EQ(mine->totals.handled_on_time, 1);
  auto year2023 = tips_->Summary(province_, "37", base::Period::Parse("2023").value());
  EXPECT_EQ(year2023->totals.received, 1);
}

TEST_P(TipStoreTest, NoticesListTheCallersOpenTipsMostUrgentFirst) {
  Tip later = Assigned(Make(Input("14347", "complaint")), inspector_);               // 03-31
  Tip sooner = Assigned(Make(Input("14347", "administrative_report")), inspector_);  // 03-16
  Tip other = Assigned(Make(Input("14347", "crime_report")), inspector2_);
  Tip done = Assigned(Make(Input("14347", "crime_report")), inspector_);
  Run(done, {.step = TipStep::kHandle, .note = "x"}, &inspector_);
  (void)other;
  now_ = "2024-03-14T03:00:00.000Z";
  auto n = tips_->Notices(inspector_);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->size(), 2u);
  EXPECT_EQ((*n)[0].id, sooner.id);
  EXPECT_EQ((*n)[0].timeliness, Timeliness::kDueSoon);
  EXPECT_EQ((*n)[0].days_left, 2);
  EXPECT_EQ((*n)[0].status, "assigned");
  EXPECT_EQ((*n)[1].id, later.id);
  EXPECT_EQ((*n)[1].timeliness, Timeliness::kNotDue);
  EXPECT_EQ(tips_->Notices(inspector2_)->size(), 1u);
  EXPECT_TRUE(tips_->Notices(intake_)->empty());
}

TEST_P(TipStoreTest, DeadlineRulesAreStoredAndGivenToLaterTips) {
  auto rules = tips_->DeadlineRules();
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 5u);
  EXPECT_EQ((*rules)[0].kind, "denunciation_crime");
  EXPECT_EQ((*rules)[0].days, 20);
  Tip before = Make(Input("14347", "complaint"));
  EXPECT_EQ(before.deadline_days, 30);
  ASSERT_TRUE(
      tips_
          ->SetDeadlineRules(
              "p",
              {{.kind = "complaint", .days = 45, .max_extensions = 2, .max_extension_days = 15}})
          .ok());
  rules = tips_->DeadlineRules();
  EXPECT_EQ((*rules)[3].kind, "complaint");
  EXPECT_EQ((*rules)[3].days, 45);
  EXPECT_EQ((*rules)[3].max_extensions, 2);
  EXPECT_FALSE((*rules)[3].basis_vi.empty());
  Tip after = Make(Input("14347", "complaint"));
  EXPECT_EQ(after.deadline, D("2024-04-15"));
  EXPECT_EQ(tips_->Get(intake_, before.id)->deadline, D("2024-03-31"));  // kept
  // two extensions now
  after = Run(after, {.step = TipStep::kExtend, .note = "1", .days = 10});
  after = Run(after, {.step = TipStep::kExtend, .note = "2", .days = 10});
  EXPECT_EQ(after.deadline, D("2024-05-05"));

  auto bad = tips_->SetDeadlineRules(
      "p", {{.kind = "gossip", .days = 0, .max_extensions = 9, .max_extension_days = -1}});
  EXPECT_EQ(FieldsOf(bad),
            (std::set<std::string>{"items[0].kind:invalid_code", "items[0].days:out_of_range",
                                   "items[0].max_extensions:out_of_range",
                                   "items[0].max_extension_days:out_of_range"}));
}

TEST_P(TipStoreTest, ChangesOnlyBeforeClassification) {
  Tip t = Make(Input("14347", "complaint"));
  auto r = tips_->Update(intake_, "x", t.id,
                         {.version = t.version,
                          .channel = std::string("letter"),
                          .kind = std::string("crime_report"),
                          .place = std::string(""),
                          .content = std::string("Nội dung đã sửa")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->channel, "letter");
  EXPECT_EQ(r->kind, "crime_report");
  EXPECT_EQ(r->place, "");
  EXPECT_EQ(r->deadline, D("2024-03-21"));
  EXPECT_EQ(r->version, 2);
  auto bad =
      tips_->Update(intake_, "x", t.id,
                    {.version = 2, .channel = std::string("pigeon"), .content = std::string("")});
  EXPECT_EQ(FieldsOf(bad.status()),
            (std::set<std::string>{"channel:invalid_code", "content:required"}));
  Tip c = Run(Run(*r, {.step = TipStep::kVerify}),
              {.step = TipStep::kClassify, .kind = "crime_report"});
  auto late =
      tips_->Update(intake_, "x", t.id, {.version = c.version, .content = std::string("x")});
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(tips_->Update(district_, "x", t.id, {.version = c.version}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_P(TipStoreTest, DeleteIsSoftAndKeepsTheHistory) {
  Tip t = Make(Input());
  auto gone = tips_->Delete(intake_, "x", t.id, t.version);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->is_deleted);
  EXPECT_EQ(tips_->Get(intake_, t.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tips_->List(intake_, {})->total, 0);
  auto h = tips_->History(intake_, t.id);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->back().step, "delete");
  bool created = false;
  NewTip again = Input();
  again.id = t.id;
  EXPECT_EQ(tips_->Create(intake_, "x", again, &created).status().machine_code(), "id_conflict");
}

TEST_P(TipStoreTest, TheHandlingMayNameAnInspectionTheHandlerReads) {
  const std::string members = "{\"members\":[\"" + inspector_.account_id + "\"]}";
  InsertRecord("10000000-0000-4000-8000-000000000001", "inspection", "14347", members);
  InsertRecord("10000000-0000-4000-8000-000000000002", "inspection", "14347", "{\"members\":[]}");
  InsertRecord("10000000-0000-4000-8000-000000000003", "establishment", "14347");
  Tip t = Assigned(Make(Input()), inspector_);
  for (const char* id :
       {"10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000003",
        "10000000-0000-4000-8000-000000000009"}) {
    auto r = tips_->Step(
        inspector_, "i", t.id,
        {.step = TipStep::kHandle, .version = t.version, .note = "x", .inspection_id = id});
    EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"inspection_id:not_found"})) << id;
  }
  t = Run(t,
          {.step = TipStep::kHandle,
           .note = "Theo biên bản kiểm tra",
           .inspection_id = "10000000-0000-4000-8000-000000000001"},
          &inspector_);
  EXPECT_EQ(t.inspection_id, "10000000-0000-4000-8000-000000000001");
  // an intake officer (who does not read inspections) may name one of its units
  Tip u = Assigned(Make(Input()), inspector_);
  u = Run(u, {.step = TipStep::kHandle,
              .note = "x",
              .inspection_id = "10000000-0000-4000-8000-000000000002"});
  EXPECT_EQ(u.inspection_id, "10000000-0000-4000-8000-000000000002");
}

INSTANTIATE_TEST_SUITE_P(Engines, TipStoreTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::enforcement
