-- wrk: POST /api/v1/reports with the bench token, a valid preliminary report each time.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = '{"organization_id":' .. os.getenv("BENCH_ORG") .. ',"regime":"appi","stage":"preliminary",'
  .. '"aware_on":"2026-11-02","summary":"顧客名簿を記録したUSBメモリを紛失した。",'
  .. '"data_items":["氏名","住所","電話番号"],"persons_affected":1500,"cause":"loss",'
  .. '"sensitive_data":false,"financial_damage_risk":false,"unlawful_purpose":false}'

function done(summary, latency, requests)
  io.write(string.format("WRK rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
