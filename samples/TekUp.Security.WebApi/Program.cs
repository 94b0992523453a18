using TekUp.Security.WebApi;

// dotnet run --project samples/TekUp.Security.WebApi
// then: curl -H "X-Api-Key: <the key printed at start>" http://localhost:5080/whoami
await WebApiApp.Create(args).RunAsync();
