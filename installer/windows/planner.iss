; Inno Setup 6 script: the Windows setup of the planner, installed per user without admin rights.
;
; Built by .github/workflows/windows-installer.yml once PyInstaller has made
; dist\annual-target-planner\ from installer\planner.spec:
;
;   ISCC /DAppVersion=0.1.0 /DAppExeName=annual-target-planner installer\windows\planner.iss
;
; AppVersion and AppExeName are the version and name in pyproject.toml; the
; setup lands in dist\<name>-<version>-setup.exe.
;
; The planner keeps its database and backups in %LOCALAPPDATA%\AnnualTargetPlanner
; (planner/paths.py) and its settings in HKCU\Software\AnnualTargetPlanner. The
; program goes to a different folder, %LOCALAPPDATA%\Programs\AnnualTargetPlanner,
; so that neither an upgrade nor the uninstaller, which remove only what this
; setup installed, ever touch the user's data. There is deliberately no
; [UninstallDelete] section.

#ifndef AppVersion
  #error Pass /DAppVersion=<version in pyproject.toml>
#endif
#ifndef AppExeName
  #error Pass /DAppExeName=<name in pyproject.toml>
#endif
#define AppDisplayName "年度目标任务管理"
#define AppDirName "AnnualTargetPlanner"

[Setup]
; Never change the AppId: a setup with the same one upgrades the installed program in place.
AppId={{9E6E7864-B1C2-4811-AA66-40FB0C7D36BE}
AppName={#AppDisplayName}
AppVersion={#AppVersion}
AppVerName={#AppDisplayName} {#AppVersion}
AppPublisher={#AppDisplayName}
DefaultDirName={localappdata}\Programs\{#AppDirName}
DefaultGroupName={#AppDisplayName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; PySide6 6.x needs 64-bit Windows 10 or newer.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade while the planner is open asks to close it instead of failing on locked files.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename={#AppExeName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\planner.ico
UninstallDisplayIcon={app}\{#AppExeName}.exe
UninstallDisplayName={#AppDisplayName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes

[Languages]
; Chinese Simplified is one of Inno Setup's unofficial translations, not shipped
; with the compiler: the workflow downloads ChineseSimplified.isl next to this
; script. Without it the setup is built in English rather than not at all.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl is missing: this setup speaks English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Types]
Name: "full"; Description: "{cm:FullInstallation}"
Name: "compact"; Description: "{cm:CompactInstallation}"
Name: "custom"; Description: "{cm:CustomInstallation}"; Flags: iscustom

[Components]
Name: "main"; Description: "{#AppDisplayName}"; Types: full compact custom; Flags: fixed
; The optional components, each built into dist\<name>-component\<name> by installer/build_components.py
; --windows; the planner finds each in {app}\<name> (planner/system/components.py).
; Reading scanned notices: tesserocr and the Chinese model.
Name: "ocr"; Description: "扫描件文字识别（OCR）：导入扫描件和照片形式的通知"; Types: full
; A shared PostgreSQL database: psycopg with libpq, and keyring for the account's password.
Name: "server"; Description: "共享数据库连接（PostgreSQL）：多个单位同时使用服务器上的同一个数据库"; Types: full

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's bundle, so that no module it shipped and this one dropped
; lingers and gets loaded. It is the program's own folder, never user data.
Type: filesandordirs; Name: "{app}\_internal"
; The components of an earlier version: installed again when chosen, gone when not.
Type: filesandordirs; Name: "{app}\ocr"
Type: filesandordirs; Name: "{app}\server"

[Files]
Source: "..\..\dist\{#AppExeName}\*"; DestDir: "{app}"; Components: main; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\dist\ocr-component\ocr\*"; DestDir: "{app}\ocr"; Components: ocr; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\dist\server-component\server\*"; DestDir: "{app}\server"; Components: server; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppDisplayName}"; Filename: "{app}\{#AppExeName}.exe"
Name: "{autodesktop}\{#AppDisplayName}"; Filename: "{app}\{#AppExeName}.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}.exe"; Description: "{cm:LaunchProgram,{#AppDisplayName}}"; Flags: nowait postinstall skipifsilent
