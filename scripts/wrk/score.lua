-- wrk script: POST /api/v1/score/eular-acr-2017 with a fixed adult-DM input (see scripts/loadtest).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"age_at_onset_years":45,"heliotrope_rash":true,"gottrons_papules":true,' ..
  '"proximal_upper_weakness":true,"elevated_muscle_enzymes":true}'
