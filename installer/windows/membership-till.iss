; Inno Setup 6 script for the Windows till (built by installer\windows\build.cmd).
; Installs dist\membership-till (the PyInstaller bundle of installer\bundle\pos.spec) with
; Start menu and optional desktop shortcuts, and an uninstaller that keeps the data folder
; (%LOCALAPPDATA%\membership-till: database, backups, logs) unless the person asks.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{5B0C7E1A-2F4D-4C1B-9D7E-6A3F8B2C1D40}
AppName=Membership till
AppVersion={#AppVersion}
AppPublisher=Membership till
DefaultDirName={autopf}\Membership till
DefaultGroupName=Membership till
UninstallDisplayIcon={app}\till.exe
OutputDir=..\..\dist
OutputBaseFilename=membership-till-setup
SetupIconFile=..\..\resources\icons\membership-till.ico
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "autostart"; Description: "Start the till when I log in"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\membership-till\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Membership till"; Filename: "{app}\till.exe"
Name: "{group}\{cm:UninstallProgram,Membership till}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Membership till"; Filename: "{app}\till.exe"; Tasks: desktopicon
Name: "{userstartup}\Membership till"; Filename: "{app}\till.exe"; Tasks: autostart

[Run]
Filename: "{app}\till.exe"; Description: "{cm:LaunchProgram,Membership till}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataFolder: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataFolder := ExpandConstant('{localappdata}\membership-till');
    if DirExists(DataFolder) and (MsgBox('Also delete the till''s data (members, orders, backups) in ' + DataFolder + '? It cannot be undone.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
      DelTree(DataFolder, True, True, True);
  end;
end;
