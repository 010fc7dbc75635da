@echo off
rem Starts hush on Windows from cmd.exe: finds a Java 17+ (the bundled runtime\ of a self-contained
rem archive, else JAVA_HOME, else java on PATH), then runs lib\hush.jar with the arguments and passes
rem its exit code through. Like bin/hush, it runs the JVM with a class-data-sharing archive for each
rem first argument, recorded by the first run into %LOCALAPPDATA%\hush\<version>\ (lib\ may be
rem read-only). Git hooks run with Git for Windows' sh, so hooks call the sh launcher beside this one.
setlocal
set "HUSH_HOME=%~dp0.."
set "HUSH_JAR=%HUSH_HOME%\lib\hush.jar"
set "HUSH_SELF=%~dp0hush"
set "HUSH_SELF=%HUSH_SELF:\=/%"

if exist "%HUSH_HOME%\runtime\bin\java.exe" (
  set "JAVA_EXE=%HUSH_HOME%\runtime\bin\java.exe"
) else if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE="
  for %%j in (java.exe) do set "JAVA_EXE=%%~$PATH:j"
)
if not defined JAVA_EXE goto nojava
if not exist "%JAVA_EXE%" goto nojava

set "HUSH_KIND=other"
for %%k in (scan baseline history migrate rotate rules hook completion) do if /i "%~1"=="%%k" set "HUSH_KIND=%%k"
set "HUSH_CACHE=%LOCALAPPDATA%\hush\@project.version@"
set "HUSH_JSA=%HUSH_CACHE%\hush-%HUSH_KIND%.jsa"
set "HUSH_FLAGS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"

rem A self-contained archive of a JDK 25 runtime brings lib\hush.aot, made when it was packaged
rem (-XX:AOTCache refuses to be given with any -Xshare); it was made with -cp and the main class, as bin/hush runs it.
if exist "%HUSH_HOME%\runtime\bin\java.exe" if exist "%HUSH_HOME%\lib\hush.aot" (
  "%JAVA_EXE%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:aot=off -Xlog:cds=off "-Dhush.launcher=%HUSH_SELF%" "-XX:AOTCache=%HUSH_HOME%\lib\hush.aot" %HUSH_JAVA_OPTS% -cp "%HUSH_JAR%" dev.hush.cli.Main %*
  exit /b %ERRORLEVEL%
)
if exist "%HUSH_JSA%" (
  "%JAVA_EXE%" %HUSH_FLAGS% "-Dhush.launcher=%HUSH_SELF%" "-XX:SharedArchiveFile=%HUSH_JSA%" %HUSH_JAVA_OPTS% -jar "%HUSH_JAR%" %*
  exit /b %ERRORLEVEL%
)
if not exist "%HUSH_CACHE%" mkdir "%HUSH_CACHE%" 2>nul
if not exist "%HUSH_CACHE%" (
  "%JAVA_EXE%" %HUSH_FLAGS% "-Dhush.launcher=%HUSH_SELF%" %HUSH_JAVA_OPTS% -jar "%HUSH_JAR%" %*
  exit /b %ERRORLEVEL%
)
rem Records into a file of its own, then renames it, so no run reads a half-written archive.
set "HUSH_TMP=%HUSH_JSA%.%RANDOM%.tmp"
"%JAVA_EXE%" %HUSH_FLAGS% "-Dhush.launcher=%HUSH_SELF%" "-XX:ArchiveClassesAtExit=%HUSH_TMP%" %HUSH_JAVA_OPTS% -jar "%HUSH_JAR%" %*
set "HUSH_STATUS=%ERRORLEVEL%"
if exist "%HUSH_TMP%" move /y "%HUSH_TMP%" "%HUSH_JSA%" >nul 2>nul
if exist "%HUSH_TMP%" del "%HUSH_TMP%" 2>nul
exit /b %HUSH_STATUS%

:nojava
echo hush: no Java found (no runtime\, JAVA_HOME's bin\java.exe or java on PATH): hush needs Java 17 or newer. 1>&2
echo hush: install one (e.g. winget install EclipseAdoptium.Temurin.17.JRE) and open a new terminal. 1>&2
exit /b 2
