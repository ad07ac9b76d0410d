param(
    [switch]$Live,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$Forward = @($Rest | Where-Object { $_ -ne "--live" })
if (-not ($Live -or ($Rest -contains "--live"))) {
    Write-Host "usage: scripts/live.ps1 --live [--var DIR] [--config FILE] [--duration SECS]"
    Write-Host "LIVE_FLAG_MISSING: LIVE trading needs the explicit --live flag"
    exit 2
}
cargo build --release --workspace --bins
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& (Join-Path "target" (Join-Path "release" "livespot-launch.exe")) --live @Forward
exit $LASTEXITCODE
