param(
    [switch]$Live,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not $Live) {
    Write-Error "LIVE_FLAG_MISSING: LIVE trading needs the explicit -Live (or --live) flag. Usage: scripts/live.ps1 --live [--var DIR] [--config FILE] [--duration SECS]"
    exit 2
}
cargo build --release --workspace --bins
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& (Join-Path "target" (Join-Path "release" "livespot-launch.exe")) --live @Rest
exit $LASTEXITCODE
