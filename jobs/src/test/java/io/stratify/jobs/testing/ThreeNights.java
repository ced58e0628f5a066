package io.stratify.jobs.testing;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Three nights of hand-built drops: a rename, a deletion, an org absent from a drop, quarantined
 * snapshot rows (one whose org's whole drop is bad), upsert re-sends (one invalid), exact and
 * conflicting duplicates, a file missing a required column, an unsupported file, and people with
 * names and emails.
 */
public final class ThreeNights {

  public static final LocalDate D1 = LocalDate.of(2026, 3, 2);
  public static final LocalDate D2 = LocalDate.of(2026, 3, 9);
  public static final LocalDate D3 = LocalDate.of(2026, 3, 10);

  private ThreeNights() {}

  /**
   * The three nights' landing zone run once, as of {@link #D3}, with the default settings, through
   * every stage: built once per build and shared ({@link SharedLakehouses}). Read it in place; copy
   * it ({@link TreeCopy}) to write.
   */
  public static Path publishedAsOfD3() {
    return SharedLakehouses.publishedNight("three-nights-d3", ThreeNights::write, D3);
  }

  public static LandingFixture write(LandingFixture f) {
    String d1 = D1.toString();
    String d2 = D2.toString();
    String d3 = D3.toString();
    f.file(
        "orgs",
        d1,
        "orgs.csv",
        "org_id,org_name,industry,size_band,region,timezone,benchmark_consent,loaded_hourly_cost_usd",
        "o1,Acme,retail,M,eu,Europe/Berlin,true,120",
        "o2,Beta,retail,S,eu,America/New_York,false,",
        "o3,Gamma,retail,XXL,eu,UTC,true,");
    f.file(
        "orgs",
        d2,
        "orgs.csv",
        "Org_ID,ORG_NAME,industry,size_band,region,timezone,benchmark_consent,loaded_hourly_cost_usd",
        "o1,Acme,retail,L,eu,Europe/Berlin,TRUE,120");
    f.file(
        "teams",
        d1,
        "teams.csv",
        "org_id,team_id,team_name,parent_team_id,function",
        "o1,t1,Platform,,platform",
        "o1,t2,ML,t1,ml",
        "o1,t3,Data,t1,data",
        "o2,u1,Ops,,sre");
    f.file(
        "teams",
        d2,
        "teams.csv",
        "org_id,team_id,team_name,parent_team_id,function",
        "o1,t1,Platform Eng,,platform",
        "o1,t2,ML,t1,ml");
    f.file("teams", d2, "teams_bad.csv", "org_id,team_id,team_name", "o1,t9,Ghost");
    f.file(
        "teams",
        d3,
        "teams.csv",
        "org_id,team_id,team_name,parent_team_id,function",
        "o1,t1,Platform Eng,,Platform");
    f.file(
        "people",
        d1,
        "people.csv",
        "org_id,person_id,full_name,email,team_id,manager_id,role,on_call",
        "o1,p1,Ada Lovelace,ada@example.com,t1,,engineer,true",
        "o1,p2,Alan Turing,alan@example.com,t2,p1,sre,false");
    f.file(
        "people",
        d2,
        "people.jsonl",
        "{\"org_id\":\"o1\",\"person_id\":\"p1\",\"full_name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"team_id\":\"t1\",\"role\":\"engineer\",\"on_call\":\"yes\"}",
        "{\"org_id\":\"o1\",\"person_id\":\"p2\",\"full_name\":\"Alan Turing\",\"email\":\"alan@example.com\",\"team_id\":\"t1\",\"manager_id\":\"p1\",\"role\":\"sre\",\"on_call\":true}",
        "{\"org_id\":\"o1\",\"person_id\":\"p3\",\"full_name\":\"Grace Hopper\",\"email\":\"grace@example.com\",\"team_id\":\"t2\",\"role\":\"engineer\",\"on_call\":true}");
    f.file(
        "people",
        d3,
        "people.csv",
        "org_id,person_id,full_name,email,team_id,manager_id,role,on_call",
        "o1,p1,Ada Lovelace,ada@example.com,t1,,engineer,false",
        "o1,p3,Grace Hopper,grace@example.com,t2,,engineer,true");
    f.file(
        "deployments",
        d1,
        "deployments.json",
        "[{\"org_id\":\"o1\",\"deployment_id\":\"d1\",\"name\":\"bot\",\"owner_team_id\":\"t1\","
            + "\"lifecycle_stage\":\"production\",\"business_criticality\":1,\"dependent_business_units\":2,"
            + "\"depends_on\":[\"d2\"],\"model_provider\":\"acme-ai\",\"model_tier\":\"frontier\","
            + "\"monitored\":true,\"has_runbook\":false,\"human_fallback\":true},"
            + "{\"org_id\":\"o1\",\"deployment_id\":\"d2\",\"name\":\"rag\",\"lifecycle_stage\":\"pilot\","
            + "\"business_criticality\":3.0,\"dependent_business_units\":0,\"monitored\":false,"
            + "\"has_runbook\":false,\"human_fallback\":false}]");
    f.file(
        "incidents",
        d1,
        "incidents.csv",
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "o1,i1,d1,\"Outage, \"\"bot\"\" down\",1,2026-03-02T09:15:00Z,2026-03-02 09:20:00+0000,",
        "o1,i2,d1,bad,7,2026-03-02T10:00:00Z,,",
        "o1,i3,d2,dup,3,2026-03-02T11:00:00+01:00,,",
        "o1,i3,d2,dup,3,2026-03-02T10:00:00Z,,");
    f.file(
        "incidents",
        d2,
        "incidents.csv",
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "o1,i1,d1,\"Outage, \"\"bot\"\" down\",1,2026-03-02T09:15:00Z,2026-03-02T09:20:00Z,2026-03-03T09:15:00Z",
        "o1,i4,d1,first,2,2026-03-08T10:00:00Z,,",
        "o1,i4,d1,second,2,2026-03-08T10:00:00Z,,");
    f.file(
        "incidents",
        d3,
        "incidents.csv",
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "o1,i1,d1,late,1,2026-03-02T09:15:00Z,2026-03-01T09:20:00Z,");
    f.file(
        "inference_usage",
        d1,
        "usage.csv",
        "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,input_tokens,output_tokens,errors,cost_usd,latency_p95_ms",
        "o1,2026-03-01,d1,m1,acme-ai,frontier,1000,5e4,20000,3,1.5,420.5");
    f.file(
        "inference_usage",
        d2,
        "usage.csv",
        "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,input_tokens,output_tokens,errors,cost_usd,latency_p95_ms",
        "o1,2026-03-01,d1,m1,acme-ai,frontier,1000,50000,20000,3,2.0,420.5");
    f.file("incidents", d2, "notes.txt", "not a landing file");
    return f;
  }
}
