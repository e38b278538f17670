/**
 * The `imsmanifest.xml` of a SCORM package, for SCORM 1.2 and SCORM 2004 4th edition: one organization
 * with one item, launching one SCO (the app's single HTML file). Only the elements each version
 * requires, plus titles. The XML schema files (.xsd) are not embedded: LMSs such as Moodle do not need
 * them, and this project has no licensed copy to ship (see docs/lms.md).
 */
import type { ScormVersion } from '../../lib/learning/scorm/launch.ts';

export interface ManifestOptions {
  version: ScormVersion;
  /** Unique identifier of the package, e.g. `osotd-phone-screen-scorm2004`. */
  identifier: string;
  /** The course's title, as the LMS lists it. */
  title: string;
  /** The SCO's file inside the package. */
  href: string;
  /** Every file of the package, the SCO's first. */
  files: readonly string[];
}

/** The namespaces and schema locations of each version, as the ADL's sample packages write them. */
export const MANIFEST_NAMESPACES = {
  '1.2': {
    xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation':
      'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
  },
  '2004': {
    xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
    'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
    'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
    'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation':
      'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
  },
} as const;

/** `<schemaversion>` of each version. */
export const SCHEMA_VERSION: Record<ScormVersion, string> = { '1.2': '1.2', '2004': '2004 4th Edition' };

/** Text and attribute values, escaped for XML. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The manifest's text. */
export function scormManifest(options: ManifestOptions): string {
  const { version, href } = options;
  const id = xmlEscape(options.identifier);
  const title = xmlEscape(options.title);
  const attributes = Object.entries(MANIFEST_NAMESPACES[version])
    .map(([name, value]) => `\n    ${name}="${xmlEscape(value)}"`)
    .join('');
  const scormType = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType';
  const files = options.files.map((file) => `\n      <file href="${xmlEscape(file)}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"${attributes}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${SCHEMA_VERSION[version]}</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" ${scormType}="sco" href="${xmlEscape(href)}">${files}
    </resource>
  </resources>
</manifest>
`;
}
