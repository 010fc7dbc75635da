# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ENV APP_HOME=C:\app `
    SQL_PASSWORD=W1nd0ws-Q7w9-zX2k
RUN dir C:\app
