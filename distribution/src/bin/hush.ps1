# Starts hush from PowerShell: finds a Java 17+ (the bundled runtime\ of a self-contained archive,
# else JAVA_HOME, else java on PATH), then runs lib\hush.jar with the arguments and passes its exit
# code through. Like bin/hush, it runs the JVM with a class-data-sharing archive for each first
# argument, recorded by the first run into $env:LOCALAPPDATA\hush\<version>\ (lib\ may be read-only).
# Git hooks run with Git for Windows' sh, so hooks call the sh launcher beside this one.
$ErrorActionPreference = 'Stop'
$hushHome = Split-Path -Parent $PSScriptRoot
$jar = Join-Path $hushHome 'lib\hush.jar'
$self = (Join-Path $PSScriptRoot 'hush') -replace '\\', '/'

$bundled = Join-Path $hushHome 'runtime\bin\java.exe'
if (Test-Path $bundled) {
    $java = $bundled
} elseif ($env:JAVA_HOME) {
    $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
} else {
    $command = Get-Command java -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $java = if ($command) { $command.Source } else { $null }
}
if (-not $java -or -not (Test-Path $java)) {
    [Console]::Error.WriteLine('hush: no Java found (no runtime\, JAVA_HOME''s bin\java.exe or java on PATH): hush needs Java 17 or newer.')
    [Console]::Error.WriteLine('hush: install one (e.g. winget install EclipseAdoptium.Temurin.17.JRE) and open a new terminal.')
    exit 2
}

$kinds = 'scan', 'baseline', 'history', 'migrate', 'rotate', 'rules', 'hook', 'completion'
$kind = if ($args.Count -gt 0 -and $kinds -contains $args[0]) { $args[0].ToLowerInvariant() } else { 'other' }
$cache = Join-Path $env:LOCALAPPDATA 'hush\@project.version@'
$jsa = Join-Path $cache "hush-$kind.jsa"
$flags = @('-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off',
    "-Dhush.launcher=$self")
if ($env:HUSH_JAVA_OPTS) { $flags += $env:HUSH_JAVA_OPTS -split '\s+' }

# A self-contained archive of a JDK 25 runtime brings lib\hush.aot, made when it was packaged.
$aot = Join-Path $hushHome 'lib\hush.aot'
if ($java -eq $bundled -and (Test-Path $aot)) {
    # -XX:AOTCache refuses to be given with any -Xshare; it was made with -cp and the main class, as bin/hush runs it.
    $aotFlags = @('-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xlog:aot=off', '-Xlog:cds=off', "-Dhush.launcher=$self")
    if ($env:HUSH_JAVA_OPTS) { $aotFlags += $env:HUSH_JAVA_OPTS -split '\s+' }
    & $java @aotFlags "-XX:AOTCache=$aot" -cp $jar dev.hush.cli.Main @args
    exit $LASTEXITCODE
}
if (Test-Path $jsa) {
    & $java @flags "-XX:SharedArchiveFile=$jsa" -jar $jar @args
    exit $LASTEXITCODE
}
New-Item -ItemType Directory -Force -Path $cache -ErrorAction SilentlyContinue | Out-Null
if (-not (Test-Path $cache)) {
    & $java @flags -jar $jar @args
    exit $LASTEXITCODE
}
# Records into a file of its own, then renames it, so no run reads a half-written archive.
$tmp = "$jsa.$PID.tmp"
& $java @flags "-XX:ArchiveClassesAtExit=$tmp" -jar $jar @args
$status = $LASTEXITCODE
if (Test-Path $tmp) { Move-Item -Force $tmp $jsa -ErrorAction SilentlyContinue }
exit $status
