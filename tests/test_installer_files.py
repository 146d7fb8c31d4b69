"""The installer files agree with the project and with each other (no build is run here).

The spec is executed with stand-ins for PyInstaller's classes, so what it would
ask PyInstaller for (name, data files, excluded modules) is checked directly.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from installer.component_imports import imported_names
from planner.system.version import APP_NAME, APP_TITLE_ZH

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "planner.spec"
ISS = INSTALLER / "windows" / "planner.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"
DESKTOP = INSTALLER / "linux" / "annual-target-planner.desktop"
LAUNCHER = INSTALLER / "linux" / "launcher.sh"
ICONS = ROOT / "resources" / "icons"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def module_constant(path: Path, name: str):
    """A literal assigned at the top level of a Python file, read without running the file."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} assigns no {name}")


def spec_excludes() -> list[str]:
    return ([f"PySide6.{name}" for name in module_constant(SPEC, "QT_EXCLUDES")] + module_constant(SPEC, "PY_EXCLUDES")
            + module_constant(SPEC, "OPTIONAL_COMPONENTS"))


def fake_repository(tmp_path: Path) -> Path:
    """A copy of what the spec reads, with freshly 'compiled' catalogues (the real .qm files are not in git)."""
    repo = tmp_path / "repo"
    (repo / "installer").mkdir(parents=True)
    for name in (SPEC.name, "bundle_pruning.py", "component_imports.py"):
        shutil.copy2(INSTALLER / name, repo / "installer" / name)
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    for folder in ("fonts", "demo", "icons"):
        shutil.copytree(ROOT / "resources" / folder, repo / "resources" / folder)
    translations = repo / "resources" / "translations"
    translations.mkdir()
    for source in (ROOT / "resources" / "translations").glob("*.ts"):
        shutil.copy2(source, translations / source.name)
        (translations / source.with_suffix(".qm").name).write_bytes(b"compiled")
    return repo


def run_spec(repo: Path, work: Path) -> dict:
    """Execute the spec with recording stand-ins for Analysis, PYZ, EXE and COLLECT."""
    calls: dict = {}

    def analysis(scripts, **options):
        calls["Analysis"] = options
        datas = [(f"{dest}/{Path(src).name}", src, "DATA") for src, dest in options["datas"]]
        return SimpleNamespace(pure=[], scripts=scripts, binaries=[], datas=datas)

    def recorder(name):
        def record(*args, **options):
            calls[name] = options
            return SimpleNamespace(args=args)
        return record

    namespace = {"SPECPATH": str(repo / "installer"), "workpath": str(work), "Analysis": analysis,
                 "PYZ": recorder("PYZ"), "EXE": recorder("EXE"), "COLLECT": recorder("COLLECT")}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    calls["namespace"] = namespace
    return calls


@pytest.fixture
def spec_run(tmp_path: Path) -> dict:
    return run_spec(fake_repository(tmp_path), tmp_path / "work")


def test_spec_names_the_program_and_its_version_from_pyproject(spec_run, tmp_path):
    assert spec_run["EXE"]["name"] == PROJECT["name"]
    assert spec_run["COLLECT"]["name"] == PROJECT["name"]
    metadata = tmp_path / "work" / f"{PROJECT['name'].replace('-', '_')}-{PROJECT['version']}.dist-info" / "METADATA"
    assert f"Version: {PROJECT['version']}" in metadata.read_text(encoding="utf-8").splitlines()
    assert PROJECT["version"] not in SPEC.read_text(encoding="utf-8"), "the version is hard-coded in the spec"


def test_spec_bundles_font_catalogues_demo_data_icons_and_version(spec_run):
    bundled = {dest for dest, _src, _kind in spec_run["namespace"]["a"].datas}
    for expected in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/LICENSE-wqy-microhei.txt",
                     "resources/translations/planner_zh_CN.qm", "resources/demo/hengshui.json",
                     "resources/demo/harbin.json", "resources/demo/progress.json", "resources/icons/planner.png"):
        assert expected in bundled
    assert not any(dest.endswith(".ts") for dest in bundled), "translation sources are shipped instead of .qm"
    assert any(dest.endswith(".dist-info/METADATA") for dest in bundled)


def test_spec_refuses_a_catalogue_older_than_its_source(tmp_path):
    repo = fake_repository(tmp_path)
    compiled = next((repo / "resources" / "translations").glob("*.qm"))
    os.utime(compiled, (1_000_000, 1_000_000))
    with pytest.raises(SystemExit, match="older than"):
        run_spec(repo, tmp_path / "work")


def test_spec_excludes_webengine_and_keeps_the_modules_the_planner_uses(spec_run):
    excludes = spec_run["Analysis"]["excludes"]
    heavy = {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtQuick", "PySide6.QtQml"}
    assert heavy <= set(excludes)
    kept = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets"}
    assert not kept & {name.removeprefix("PySide6.") for name in excludes}
    assert excludes == spec_excludes()


def imported_modules(path: Path) -> set[str]:
    return imported_names(path.read_bytes())


def test_the_planner_imports_nothing_the_spec_excludes():
    """An excluded module that the planner imports would be missing only in the installed program. An optional
    component's module is the exception, imported in one place that says how to add it when it is missing."""
    optional = module_constant(SPEC, "OPTIONAL_COMPONENTS")
    excludes = [name for name in spec_excludes() if name not in optional]
    sources = [ROOT / "main.py", *sorted((ROOT / "planner").rglob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
    importers = {source.relative_to(ROOT).as_posix() for source in sources
                 if any(module.split(".")[0] in optional for module in imported_modules(source))}
    # The server's modules are imported only after planner.store.server.client.require_client.
    server_modules = {f"planner/store/server/{name}.py" for name in ("access", "admin", "connection", "credentials",
                                                                      "store")}
    assert importers == {"planner/notices/ocr/engine.py", *server_modules}
    offending = []
    for source in sources:
        for module in imported_modules(source):
            if any(module == name or module.startswith(name + ".") for name in excludes):
                offending.append(f"{source.relative_to(ROOT)}: {module}")
    assert not offending


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_section(name: str) -> list[str]:
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", iss_text(), re.M | re.S)
    if not match:
        return []
    return [line for line in match.group(1).splitlines() if line.strip() and not line.lstrip().startswith((";", "#"))]


def test_windows_setup_installs_per_user_beside_never_over_the_data_folder():
    text = iss_text()
    assert "PrivilegesRequired=lowest" in text.splitlines()
    default_dir = re.search(r"^DefaultDirName=(.+)$", text, re.M).group(1)
    assert default_dir.startswith("{localappdata}\\Programs\\")
    assert default_dir != f"{{localappdata}}\\{APP_NAME}"
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", text, re.M)
    assert not iss_section("UninstallDelete"), "the uninstaller must delete only what it installed"
    assert all("{app}\\" in line for line in iss_section("InstallDelete"))
    assert APP_NAME not in "".join(iss_section("InstallDelete"))


def test_windows_setup_is_chinese_with_start_menu_and_optional_desktop_shortcuts():
    text = iss_text()
    assert f'#define AppDisplayName "{APP_TITLE_ZH}"' in text
    assert 'MessagesFile: "ChineseSimplified.isl"' in text
    icons = iss_section("Icons")
    assert any(line.startswith('Name: "{autoprograms}') for line in icons)
    assert any(line.startswith('Name: "{autodesktop}') and "Tasks: desktopicon" in line for line in icons)
    assert any('Source: "..\\..\\dist\\{#AppExeName}\\*"' in line for line in iss_section("Files"))
    assert "SetupIconFile=..\\..\\resources\\icons\\planner.ico" in text


def test_windows_workflow_builds_the_spec_and_the_setup_with_the_project_name():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in text
    assert "installer/planner.spec" in text
    assert "installer\\windows\\planner.iss" in text
    assert '"/DAppExeName=${{ steps.project.outputs.name }}"' in text
    assert '"/DAppVersion=${{ steps.project.outputs.version }}"' in text
    assert "pyside6-lrelease" in text
    assert "QT_QPA_PLATFORM: offscreen" in text and "--smoke" in text and "--version" in text
    assert "Files/Languages/Unofficial/ChineseSimplified.isl" in text
    for pin in module_constant(INSTALLER / "build_linux.py", "PYINSTALLER_PINS"):
        assert pin in text, f"the workflow and installer/build_linux.py pin different PyInstallers ({pin})"


def test_both_installers_bundle_python_3_12_or_newer(tmp_path, monkeypatch):
    workflow = WORKFLOW.read_text(encoding="utf-8")
    chosen = re.search(r'python-version: "3\.(\d+)"', workflow)
    assert chosen and int(chosen[1]) >= 12, "the Windows setup would bundle an older Python"
    monkeypatch.setattr(sys, "version_info", (3, 11, 7, "final", 0))
    with pytest.raises(SystemExit, match="3.12 or newer"):
        run_spec(fake_repository(tmp_path), tmp_path / "work")  # the .deb is built from the same spec


def test_linux_desktop_entry_and_launcher_start_the_installed_program():
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entry["Name"] == APP_TITLE_ZH
    assert entry["Name[en]"] == "Annual Target Planner"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Exec"].split()[0] == PROJECT["name"]
    assert entry["Icon"] == PROJECT["name"]
    assert entry["StartupWMClass"] == APP_NAME, "Qt names the window class after the application name"
    assert f"exec /opt/{PROJECT['name']}/{PROJECT['name']} \"$@\"" in LAUNCHER.read_text(encoding="utf-8")
    assert os.access(LAUNCHER, os.X_OK) or sys.platform == "win32"
    control = (INSTALLER / "linux" / "control.in").read_text(encoding="utf-8")
    assert "Depends: ${DEPENDS}" in control and APP_TITLE_ZH in control


def test_debian_versions_sort_pre_releases_before_the_release():
    sys.path.insert(0, str(INSTALLER))
    try:
        from build_linux import debian_version
    finally:
        sys.path.remove(str(INSTALLER))
    assert debian_version("0.1.0") == "0.1.0"
    assert debian_version("1.2.0rc1") == "1.2.0~rc1"
    assert debian_version("1.2.0.dev3") == "1.2.0~dev3"


def test_icon_png_is_256_pixels_square():
    data = (ICONS / "planner.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (256, 256)


def test_icon_ico_holds_the_sizes_windows_uses():
    data = (ICONS / "planner.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, _colors, _zero, _planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index])
        size = width or 256
        assert width == height and bits == 32
        assert offset + length <= len(data)
        blob = data[offset : offset + length]
        if size == 256:
            assert blob[:8] == b"\x89PNG\r\n\x1a\n"
        else:
            assert struct.unpack("<Iii", blob[:12]) == (40, size, size * 2)
        sizes.add(size)
    assert {16, 32, 48, 256} <= sizes


def test_icon_svg_is_the_drawing_make_icons_renders():
    svg = (ICONS / "planner.svg").read_text(encoding="utf-8")
    assert svg == module_constant(INSTALLER / "make_icons.py", "SVG")
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_spec_drops_qt_plugins_a_desktop_never_loads_and_foreign_qt_catalogues(spec_run):
    unwanted_binary = spec_run["namespace"]["unwanted_binary"]
    unwanted_catalogue = spec_run["namespace"]["unwanted_qt_catalogue"]
    plugins = "PySide6/Qt/plugins"
    assert unwanted_binary(f"{plugins}/platformthemes/libqgtk3.so")
    assert unwanted_binary(f"{plugins}/platforms/libqeglfs.so")
    for needed in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                   "platforms/qwindows.dll", "platformthemes/libqxdgdesktopportal.so",
                   "platforminputcontexts/libibusplatforminputcontextplugin.so", "imageformats/libqsvg.so"):
        assert not unwanted_binary(f"{plugins}/{needed}"), needed
    assert unwanted_catalogue("PySide6/Qt/translations/qtbase_de.qm")
    assert not unwanted_catalogue("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not unwanted_catalogue("resources/translations/planner_zh_CN.qm")


def test_the_deb_depends_on_the_free_song_and_kai_fonts_the_reports_use(tmp_path: Path):
    sys.path.insert(0, str(INSTALLER))
    try:
        from build_linux import debian_depends
    finally:
        sys.path.remove(str(INSTALLER))
    depends, _glibc = debian_depends(tmp_path)  # an empty bundle: only the data and font packages
    named = {part.split()[0] for part in depends.split(", ")}
    assert {"fonts-arphic-gbsn00lp", "fonts-arphic-gkai00mp"} <= named


@pytest.mark.parametrize(("extra", "package", "folder_of"), [
    ("ocr", "tesserocr", "planner.notices.ocr.engine"),
    ("server", "psycopg", "planner.store.server.client"),
])
def test_an_optional_component_is_left_out_of_the_core_and_offered_by_both_installers(extra, package, folder_of):
    """The component's packages are never bundled; the Windows setup installs its folder as an optional component
    where the planner looks for it, and installer/build_components.py builds that folder and the .deb."""
    import importlib

    assert importlib.import_module(folder_of).COMPONENT_FOLDER == extra
    assert package in module_constant(SPEC, "OPTIONAL_COMPONENTS")
    assert extra in module_constant(SPEC, "COMPONENT_EXTRAS")
    assert any(requirement.startswith(package) for requirement in PROJECT["optional-dependencies"][extra])
    assert not any(package in requirement for requirement in PROJECT["dependencies"])
    components = iss_section("Components")
    assert any(line.startswith('Name: "main"') and "Flags: fixed" in line for line in components)
    assert any(line.startswith(f'Name: "{extra}"') and "Types: full" in line for line in components)
    files = iss_section("Files")
    component_files = [line for line in files if f"Components: {extra};" in line]
    assert len(component_files) == 1 and f'DestDir: "{{app}}\\{extra}"' in component_files[0]
    assert f'Source: "..\\..\\dist\\{extra}-component\\{extra}\\*"' in component_files[0]
    assert f'Name: "{{app}}\\{extra}"' in "\n".join(iss_section("InstallDelete"))
    assert all("Components: main" in line for line in files if "dist\\{#AppExeName}" in line)
    sys.path.insert(0, str(INSTALLER))
    try:
        from build_components import COMPONENTS
    finally:
        sys.path.remove(str(INSTALLER))
    assert COMPONENTS[extra].folder.relative_to(ROOT).as_posix() == f"dist/{extra}-component/{extra}"
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert workflow.index("installer/build_components.py --windows") < workflow.index("Build the setup")
    assert '".[ocr,server]"' in workflow, "the spec reads the components' standard library imports from their files"


def test_the_bundle_carries_the_standard_library_the_components_import(spec_run):
    """psycopg imports ipaddress and zoneinfo, keyring configparser: modules the planner itself never imports, so
    the bundle would lack them and the component would fail only in the installed program."""
    hidden = set(spec_run["Analysis"]["hiddenimports"])
    assert {"ipaddress", "zoneinfo", "configparser", "asyncio"} <= hidden
    assert not {name for name in hidden if name.split(".")[0] in ("psycopg", "keyring", "tesserocr", "tkinter")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_the_libraries_only_dropped_plugins_needed_leave_the_bundle_and_the_rest_stay():
    """Read from real files: Pillow's imaging module needs its JPEG library, which needs nothing of the bundle's;
    with the module gone, the library is left to nothing and goes, while one still needed stays."""
    sys.path.insert(0, str(INSTALLER))
    try:
        from bundle_pruning import elf_needed, orphaned_libraries
    finally:
        sys.path.remove(str(INSTALLER))
    import PIL

    package = Path(PIL.__file__).parent
    imaging = next(package.glob("_imaging.*.so"))
    jpeg = next((package.parent / "pillow.libs").glob("libjpeg-*.so*"))
    assert jpeg.name in elf_needed(imaging) and "libc.so.6" in elf_needed(imaging)
    assert elf_needed(Path(PIL.__file__)) == []  # not an ELF file
    module = ("PIL/" + imaging.name, str(imaging), "EXTENSION")
    library = (jpeg.name, str(jpeg), "BINARY")  # as if collected into the top of the bundle
    stray = ("libstray.so.1", str(jpeg), "BINARY")
    assert orphaned_libraries([module, library, stray]) == {"libstray.so.1"}
    assert orphaned_libraries([library, stray]) == {jpeg.name, "libstray.so.1"}


def test_spec_drops_the_plugins_and_pillow_codecs_the_planner_never_uses(spec_run):
    unwanted_binary = spec_run["namespace"]["unwanted_binary"]
    plugins = "PySide6/Qt/plugins"
    for dropped in ("tls/libqopensslbackend.so", "networkinformation/libqglib.so", "generic/libqevdevtouchplugin.so",
                    "imageformats/libqwebp.so", "imageformats/qwebp.dll"):
        assert unwanted_binary(f"{plugins}/{dropped}"), dropped
    for kept in ("imageformats/libqjpeg.so", "imageformats/libqtiff.so", "imageformats/libqgif.so",
                 "imageformats/qjpeg.dll", "printsupport/libcupsprintersupport.so", "iconengines/libqsvgicon.so"):
        assert not unwanted_binary(f"{plugins}/{kept}"), kept
    assert {"PIL._avif", "PIL._webp"} <= set(spec_run["Analysis"]["excludes"])
    assert "PIL" not in spec_run["Analysis"]["excludes"], "reportlab imports PIL.Image"

